import type { IDataObject } from 'n8n-workflow';

import { attempt } from './attempt';

/** Headers as Node, axios (AxiosHeaders) and Express hand them over. */
export type HeaderMap = Record<string, string | string[] | number | undefined>;

export function plainHeaders(headers: unknown): HeaderMap {
	const source = headers as { toJSON?: () => HeaderMap } | undefined;
	return (typeof source?.toJSON === 'function' ? source.toJSON() : (source as HeaderMap)) ?? {};
}

/** One header's value, whatever the case of its name. */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
	const wanted = name.toLowerCase();
	// Node, axios and Express all lower-case header names: look there first, scan only if it is not there.
	let value = headers[wanted];
	if (value === undefined) {
		const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === wanted);
		value = key === undefined ? undefined : headers[key];
	}
	if (value === undefined) return undefined;
	return String(Array.isArray(value) ? value[0] : value);
}

/** A response body as the bytes that arrived. */
export function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.alloc(0);
}

/** The bytes as a JSON object, or undefined when they are not one (arrays and scalars included). */
export function parseJsonObject(raw: Buffer): IDataObject | undefined {
	const parsed = attempt(() => JSON.parse(raw.toString('utf8')) as unknown);
	const value = parsed.ok ? parsed.value : undefined;
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

/** An answer that grew past its limit while it arrived; nothing past the limit was kept. */
export class AnswerTooLargeError extends Error {
	constructor(readonly limit: number) {
		super(`the answer is larger than ${limit} bytes`);
		this.name = 'AnswerTooLargeError';
	}
}

type ByteStream = AsyncIterable<Buffer | string> & { destroy?: (error?: Error) => void };

/** A Node stream (what axios hands over for `encoding: 'stream'`): read through its events. */
interface EventStream {
	on(event: string, listener: (...args: never[]) => void): unknown;
	removeListener(event: string, listener: (...args: never[]) => void): unknown;
	resume(): unknown;
	destroy(error?: Error): unknown;
	destroyed?: boolean;
	errored?: Error | null;
	readableEnded?: boolean;
}

function isEventStream(stream: unknown): stream is EventStream {
	const candidate = stream as Partial<EventStream> | undefined;
	return (
		typeof candidate?.on === 'function' &&
		typeof candidate.removeListener === 'function' &&
		typeof candidate.resume === 'function' &&
		typeof candidate.destroy === 'function'
	);
}

/** What `for await` over a stream throws when it closed before its end without an error of its own. */
function prematureClose(): Error {
	return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

const chunkBytes = (chunk: Buffer | string): Buffer => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);

/**
 * The body of an answer as bytes, read as it streams in and refused as soon as it passes `limit` (a declared
 * Content-Length over it is refused before reading). The request's deadline ends the stream (axios destroys it
 * when the abort signal fires), which rejects here.
 */
export async function readAnswerBody(body: unknown, headers: HeaderMap, limit: number): Promise<Buffer> {
	const declared = Number(headerValue(headers, 'content-length'));
	const stream = body as ByteStream | undefined;
	if (Number.isFinite(declared) && declared > limit) {
		stream?.destroy?.();
		throw new AnswerTooLargeError(limit);
	}
	if (!stream || typeof (stream as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return toBuffer(body);
	if (isEventStream(stream)) return await readEventStream(stream, limit);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const bytes = chunkBytes(chunk);
		size += bytes.length;
		if (size > limit) {
			stream.destroy?.();
			throw new AnswerTooLargeError(limit);
		}
		chunks.push(bytes);
	}
	return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/**
 * A Node stream read through its events, with the outcomes `for await` gives (the bytes at its end; its error;
 * "Premature close" when it closes before its end), at a fraction of the async iterator's cost per answer.
 */
async function readEventStream(stream: EventStream, limit: number): Promise<Buffer> {
	const concat = (chunks: Buffer[]): Buffer => (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
	if (stream.destroyed) {
		if (stream.errored) throw stream.errored;
		if (!stream.readableEnded) throw prematureClose();
		return Buffer.alloc(0);
	}
	return await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		// The error listener stays: an error after the outcome (none is expected) is not thrown at the process.
		const settle = (error: unknown, bytes?: Buffer): void => {
			if (settled) return;
			settled = true;
			stream.removeListener('data', onData);
			stream.removeListener('end', onEnd);
			stream.removeListener('close', onClose);
			if (bytes) resolve(bytes);
			else reject(error);
		};
		const onData = (chunk: Buffer | string): void => {
			const bytes = chunkBytes(chunk);
			size += bytes.length;
			if (size > limit) {
				settle(new AnswerTooLargeError(limit));
				stream.destroy();
				return;
			}
			chunks.push(bytes);
		};
		const onEnd = (): void => settle(undefined, concat(chunks));
		const onError = (error: Error): void => settle(error);
		const onClose = (): void => settle(prematureClose());
		stream.on('data', onData);
		stream.on('end', onEnd);
		stream.on('error', onError);
		stream.on('close', onClose);
		stream.resume();
	});
}
