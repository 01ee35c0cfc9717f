import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ItemParameters } from '../itemParameters';
import type { ItemApi } from '../types';
import { certificateAnswerKeys, decryptCertificates } from './certificateAnswer';

export const option = {
	name: 'Download',
	description: "Download WeChat Pay's platform certificates (平台证书), decrypted, ready for the credential's Platform Certificates",
	action: 'Download platform certificates',
};

export const description: INodeProperties[] = [
	{
		displayName:
			'For service providers still on platform certificates: the output PEMs go into the credential\'s "Platform Certificates" field. Accounts on the WeChat Pay public key do not need them.',
		name: 'certificateNotice',
		type: 'notice',
		default: '',
	},
];

/**
 * GET /v3/certificates: each certificate decrypted with the APIv3 key (tag checked), the answer verified with the
 * certificates it carries or the credential's public key; one output item per certificate.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject[]> {
	const params = new ItemParameters(this, itemIndex);
	if (api.account.accountType === 'brand') {
		throw params.refuse('Resource', 'is Platform Certificate, which brands do not have', 'brands verify with the WeChat Pay public key only: set it in the credential');
	}
	const { raw } = await api.send({
		method: 'GET',
		path: '/v3/certificates',
		readBack: 'Download again.',
		verificationKeys: (answer) => certificateAnswerKeys(api.account, answer),
	});
	return decryptCertificates(api.account, raw).map(({ serial_no, effective_time, expire_time, certificate }) => ({
		serial_no,
		effective_time,
		expire_time,
		certificate,
	})) as IDataObject[];
}
