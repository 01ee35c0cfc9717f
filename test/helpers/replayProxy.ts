import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Recorded {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/**
 * A proxy at the Base URL that forwards to the sandbox and records every answer; when armed, it answers the next
 * request with a recorded (signed, genuine) answer instead of forwarding it: a replay inside the 5-minute window.
 */
export async function startReplayProxy(target: string) {
	const answers: Recorded[] = [];
	let replayNext: Recorded | undefined;
	const server = createServer((incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const replay = replayNext;
			replayNext = undefined;
			if (replay) {
				outgoing.writeHead(replay.status, replay.headers);
				outgoing.end(replay.body);
				return;
			}
			const forwarded = httpRequest(`${target}${incoming.url}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
				const body: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => body.push(chunk));
				answer.on('end', () => {
					const recorded = { status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(body) };
					answers.push(recorded);
					outgoing.writeHead(recorded.status, recorded.headers);
					outgoing.end(recorded.body);
				});
			});
			forwarded.end(Buffer.concat(chunks));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		answers,
		/** The next request gets this earlier answer, byte for byte, and never reaches the sandbox. */
		replay(answer: Recorded) {
			replayNext = answer;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
