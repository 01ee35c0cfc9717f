import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A server at the Base URL that answers every request with `answer` and records how each exchange ended, for the
 * failures the sandbox does not model: answers that trickle, answers too large to hold, odd error bodies.
 */
export async function startMisbehavingServer(answer: (request: IncomingMessage, response: ServerResponse) => void) {
	const exchanges: Array<{ path: string; closedByClient: boolean; finished: boolean }> = [];
	const ended: Array<Promise<void>> = [];
	const server = createServer((request, response) => {
		const exchange = { path: request.url ?? '', closedByClient: false, finished: false };
		exchanges.push(exchange);
		response.on('finish', () => (exchange.finished = true));
		ended.push(new Promise<void>((resolve) => response.on('close', () => resolve())));
		response.on('close', () => (exchange.closedByClient = !exchange.finished));
		request.resume();
		request.on('end', () => answer(request, response));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		exchanges,
		/** Resolves when every exchange so far has ended, one way or the other. */
		settled: async () => void (await Promise.all(ended)),
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
