// Kept in step with package.json by a unit test; node code may not read files at run time.
export const PACKAGE_NAME = 'n8n-nodes-wechatpay';
export const PACKAGE_VERSION = '0.2.0';
export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION} (n8n community node)`;
