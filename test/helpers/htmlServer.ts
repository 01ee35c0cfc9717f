import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A website where an API is expected: every path answers 404 with an HTML page. */
export async function startHtmlServer(): Promise<{ url: string; close: () => Promise<void> }> {
	const server = createServer((_request, response) => {
		response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
		response.end('<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
