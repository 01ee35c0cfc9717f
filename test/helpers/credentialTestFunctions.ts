import type { ICredentialTestFunctions } from 'n8n-workflow';

import './n8nUserFolder';
// n8n's CLI gives credential tests exactly this helper: n8n-core's request proxy onto axios.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { proxyRequestToAxios } = require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions') as {
	proxyRequestToAxios: (...args: unknown[]) => Promise<unknown>;
};

export function n8nCredentialTestFunctions(): ICredentialTestFunctions {
	return {
		logger: { debug() {}, info() {}, warn() {}, error() {} } as unknown as ICredentialTestFunctions['logger'],
		helpers: {
			request: async (uriOrObject: string | object, options?: object) =>
				await proxyRequestToAxios(undefined, undefined, undefined, uriOrObject, options),
		} as ICredentialTestFunctions['helpers'],
	};
}
