import type { ICredentialDataDecryptedObject, IConnections, IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { WeChatPayApi } from '../../credentials/WeChatPayApi.credentials';
import { WeChatPay } from '../../nodes/WeChatPay/WeChatPay.node';
import { WeChatPayTrigger } from '../../nodes/WeChatPayTrigger/WeChatPayTrigger.node';

import { createEngine } from '../engine';
export { startSandbox, type Sandbox, type SandboxCredential } from './sandbox';

export const NODE_TYPE = 'n8n-nodes-wechatpay.weChatPay';
export const TRIGGER_TYPE = 'n8n-nodes-wechatpay.weChatPayTrigger';

/** The package's real node and credential classes, run by n8n-core's engine with one credential. */
export function engineFor(credential: ICredentialDataDecryptedObject) {
	return createEngine({
		nodeTypes: { [NODE_TYPE]: new WeChatPay(), [TRIGGER_TYPE]: new WeChatPayTrigger() },
		credentialTypes: { wechatPayApi: new WeChatPayApi() },
		credentials: { wechatPayApi: credential },
	});
}

/** The WeChat Pay Trigger taking these events, with the one test credential. */
export function triggerNode(events: string[] = ['*'], more: Partial<INode> = {}): INode {
	return {
		id: 'trigger',
		name: 'WeChat Pay Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { events },
		credentials: { wechatPayApi: { id: '1', name: 'WeChat Pay account' } },
		...more,
	};
}

/** Items → WeChat Pay node, as a workflow: a test.items node feeding the node under test. */
export function workflow(
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	settings: Partial<INode> = {},
): { nodes: INode[]; connections: IConnections } {
	return {
		nodes: [
			{ id: '1', name: 'Items', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(items) } },
			{
				id: '2',
				name: 'WeChat Pay',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { wechatPayApi: { id: '1', name: 'WeChat Pay account' } },
				...settings,
			},
		],
		connections: { Items: { main: [[{ node: 'WeChat Pay', type: 'main', index: 0 }]] } },
	};
}
