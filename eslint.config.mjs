// n8n's own rules for community packages, configured as n8n's verification scanner
// (@n8n/scan-community-package 0.32, scanner.mjs buildScanConfig) configures them:
// @n8n/eslint-plugin-community-nodes (recommended), no-console, and eslint-plugin-n8n-nodes-base's
// community (package.json), credentials and nodes rule sets with the scanner's own exceptions.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

export const scanConfig = [
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json', '**/*.ts'], languageOptions: { parser: tseslint.parser } },
];

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.dev/**', 'test/**', 'scripts/**', 'bench/**', 'e2e/**', 'docs/**', '*.js', '*.mjs', '**/*.json', '!package.json'] },
	...scanConfig.map((config) => ({ files: ['**/*.ts', 'package.json'], ...config, ...(config.files ? { files: config.files } : {}) })),
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
	// Leaving fields out of an object by destructuring them beside a rest element is deliberate.
	{ files: ['**/*.ts'], rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] } },
];
