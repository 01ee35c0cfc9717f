import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { isUnsignedDownload, readApiPath } from '../../validation/apiPath';
import { ItemParameters } from '../itemParameters';
import { BinaryOutput, type ItemApi, type OperationOutput } from '../types';

export const option = {
	name: 'Call',
	description: 'Call any WeChat Pay APIv3 endpoint by its path: signed, and its answer verified before it is output',
	action: 'Call a WeChat Pay API',
};

const WITH_BODY = ['POST', 'PUT', 'PATCH'];

export const description: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'GET',
		options: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((method) => ({ name: method, value: method })),
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /v3/pay/transactions/out-trade-no/ORDER001?mchid=1900000109',
		description: 'The APIv3 path (/v3/… or /brand/…), with or without a query; or a full URL on the Base URL host, such as a download_url',
	},
	{
		displayName: 'Query Parameters',
		name: 'query',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Query Parameter',
		description: 'Added to the path\'s query string, and signed as sent',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameters',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'json',
		default: '{}',
		description: 'The JSON body, serialised once: those exact bytes are signed and sent',
		displayOptions: { show: { method: WITH_BODY } },
	},
	{
		displayName: 'Expected SHA-1',
		name: 'expectedSha1',
		type: 'string',
		default: '',
		placeholder: 'e.g. 79bb0f45fc4c42234a918000b2668d689e2bde04',
		description:
			"For a bill file download (unsigned by WeChat Pay): the hash_value its bill answer gave. The file is output only if its SHA-1 matches.",
		displayOptions: { show: { method: ['GET'] } },
	},
];

/** The item's query pairs, text only. */
function readQuery(params: ItemParameters): IDataObject {
	const pairs = params.value<{ parameters?: Array<{ name?: unknown; value?: unknown }> }>('query', {}).parameters ?? [];
	const query: IDataObject = {};
	for (const { name, value } of pairs) {
		if (typeof name !== 'string' || name === '') throw params.refuse('Query Parameters', 'has a parameter without a name', 'name every parameter, or remove it');
		const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
		if (typeof text !== 'string') throw params.refuse('Query Parameters', `"${name}" is not text`, 'give each value as text');
		query[name] = query[name] === undefined ? text : ([] as unknown[]).concat(query[name], text);
	}
	return query;
}

function readBody(params: ItemParameters): IDataObject | undefined {
	const raw = params.value<unknown>('body', '{}');
	let body: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return undefined;
		try {
			body = JSON.parse(raw);
		} catch {
			throw params.refuse('Body', 'is not valid JSON', 'write the JSON body WeChat Pay expects, e.g. {"out_refund_no": "R001", …}');
		}
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw params.refuse('Body', 'must be a JSON object', 'write the JSON body as an object');
	return body as IDataObject;
}

/** Any APIv3 call: signed as sent, every 2xx verified (or a documented download checked by its hash) before output. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<OperationOutput> {
	const params = new ItemParameters(this, itemIndex);
	const method = params.value<IHttpRequestMethods>('method', 'GET');
	const target = readApiPath(params.value<string>('path', ''), [api.account.baseUrl, api.account.backupBaseUrl].filter(Boolean));
	if ('problem' in target) throw params.refuse('Path', target.problem);
	const options = params.value<{ fullResponse?: boolean; retryWrites?: boolean; binaryPropertyName?: string }>('options', {});
	const sha1 = params.value<string>('expectedSha1', '').trim();
	const download = isUnsignedDownload(method, target.pathAndQuery);
	if (sha1 && !/^[0-9a-fA-F]{40}$/.test(sha1)) throw params.refuse('Expected SHA-1', 'must be 40 hexadecimal characters', "copy the bill answer's hash_value");

	const response = await api.send({
		method,
		path: target.pathAndQuery,
		query: readQuery(params),
		body: WITH_BODY.includes(method) ? readBody(params) : undefined,
		readBack: 'Query the resource with a GET call to see whether the change was applied.',
		idempotent: method === 'GET' || options.retryWrites === true,
		answer: 'any',
		maxAnswerBytes: download ? 256 * 1024 * 1024 : 16 * 1024 * 1024,
		...(download ? { unsignedDownload: { sha1: sha1 || undefined } } : {}),
	});

	const meta: IDataObject = options.fullResponse ? { statusCode: response.status, headers: response.headers as IDataObject } : {};
	if (response.body || response.raw.length === 0) {
		return options.fullResponse ? { ...meta, body: response.body ?? null } : (response.body ?? {});
	}
	const property = options.binaryPropertyName || 'data';
	const fileName = target.pathAndQuery.split('?')[0].split('/').pop() || 'download';
	const mimeType = String(response.headers['content-type'] ?? 'application/octet-stream').split(';')[0];
	const binary = await this.helpers.prepareBinaryData(response.raw, fileName, mimeType);
	return new BinaryOutput([{ json: meta, binary: { [property]: binary } }]);
}
