import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { ACCOUNT_SCHEMES, DEFAULT_BACKUP_BASE_URL, DEFAULT_BASE_URL } from '../nodes/shared/account';
import { readCheckedAccount } from '../nodes/shared/checkedAccount';
import { credentialTestRules } from '../nodes/shared/credentialTestRules';
import { signOutgoingRequest } from '../nodes/shared/transport/signOutgoingRequest';

const properties: INodeProperties[] = [
	{
		displayName: 'Account Type',
		name: 'accountType',
		type: 'options',
		options: [
			{ name: 'Service Provider (服务商)', value: 'serviceProvider' },
			{ name: 'Brand (品牌方)', value: 'brand' },
		],
		default: 'serviceProvider',
		description: 'Whether the account is a service provider (signs with mchid) or a brand (signs with brand_id)',
	},
	{
		displayName: 'Merchant ID',
		name: 'merchantId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1900000101',
		hint: 'The service provider mchid: merchant platform (pay.weixin.qq.com) → Account Center → Merchant Information',
		displayOptions: { show: { accountType: ['serviceProvider'] } },
	},
	{
		displayName: 'Brand ID',
		name: 'brandId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 120344',
		hint: 'The brand_id shown in the brand merchant platform (品牌经营平台) → Account Center',
		displayOptions: { show: { accountType: ['brand'] } },
	},
	{
		displayName: 'Certificate Serial Number',
		name: 'certificateSerialNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB',
		hint: 'Serial of your own API certificate: Account Center → API Security → API Certificate → View Certificate',
	},
	{
		displayName: 'Private Key',
		name: 'privateKey',
		type: 'string',
		typeOptions: { password: true, rows: 5 },
		default: '',
		required: true,
		placeholder: 'e.g. the whole content of apiclient_key.pem',
		hint: 'The whole apiclient_key.pem downloaded with your API certificate; it never leaves n8n',
	},
	{
		displayName: 'WeChat Pay Public Key ID',
		name: 'wechatPayPublicKeyId',
		type: 'string',
		default: '',
		placeholder: 'e.g. PUB_KEY_ID_0114232134912410000000000000',
		hint: 'Account Center → API Security → WeChat Pay Public Key (微信支付公钥) → the public key ID',
	},
	{
		displayName: 'WeChat Pay Public Key',
		name: 'wechatPayPublicKey',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		placeholder: 'e.g. -----BEGIN PUBLIC KEY----- …',
		hint: 'The pub_key.pem downloaded next to the public key ID; verifies every answer and callback from WeChat Pay',
	},
	{
		displayName: 'Platform Certificates',
		name: 'platformCertificates',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		placeholder: 'e.g. -----BEGIN CERTIFICATE----- …',
		hint: 'Only for service providers still on platform certificates (平台证书): paste one or more; serials are read from them',
		displayOptions: { show: { accountType: ['serviceProvider'] } },
	},
	{
		displayName: 'APIv3 Key',
		name: 'apiV3Key',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		placeholder: 'e.g. 32 characters',
		hint: 'The 32-character APIv3 key (brands: the brand API key) set under Account Center → API Security; decrypts callbacks',
	},
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: DEFAULT_BASE_URL,
		placeholder: `e.g. ${DEFAULT_BASE_URL}`,
		hint: 'Change only to use a proxy or the local sandbox',
	},
	{
		// A switch, because n8n's form turns an emptied URL field back into its default when the credential is saved.
		displayName: 'Use Backup Host',
		name: 'useBackupHost',
		type: 'boolean',
		default: true,
		description: 'Whether to send a request again to the backup host when the base URL is down or answers with a 5xx error',
	},
	{
		displayName: 'Backup Base URL',
		name: 'backupBaseUrl',
		type: 'string',
		default: DEFAULT_BACKUP_BASE_URL,
		placeholder: `e.g. ${DEFAULT_BACKUP_BASE_URL}`,
		hint: "WeChat Pay's access point in another region; not used with a proxy or sandbox Base URL unless changed here",
		displayOptions: { show: { useBackupHost: [true] } },
	},
];

export class WeChatPayApi implements ICredentialType {
	name = 'wechatPayApi';

	displayName = 'WeChat Pay API';

	documentationUrl = 'https://github.com/n8n-nodes-wechatpay/n8n-nodes-wechatpay#credentials';

	icon = 'file:wechatpay.svg' as const;

	properties = properties;

	/**
	 * Signs every request: WECHATPAY2-SHA256-RSA2048 (service provider) or WECHATPAY-BRAND-SHA256-RSA2048 (brand).
	 * A credential that cannot work (a key that does not parse, no WeChat Pay key) is refused here, before
	 * anything is sent, with an error that names the field: this is also what the Test button shows.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signOutgoingRequest(readCheckedAccount(credentials), requestOptions);
	}

	/** The Test button: one signed "Get notify URL" call; credentialTestRules explain each refusal. */
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			// An emptied Base URL means the default, as for the nodes.
			baseURL: `={{ ($credentials.baseUrl || "").trim() || "${DEFAULT_BASE_URL}" }}`,
			url: `={{ $credentials.accountType === "brand" ? "${ACCOUNT_SCHEMES.brand.notifyConfigPath}" : "${ACCOUNT_SCHEMES.serviceProvider.notifyConfigPath}" }}`,
			ignoreHttpStatusErrors: true,
		},
		rules: credentialTestRules,
	};
}
