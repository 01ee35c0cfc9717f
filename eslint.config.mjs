// n8n's own rules for community packages: the verification scanner's set (@n8n/eslint-plugin-community-nodes,
// recommended) plus eslint-plugin-n8n-nodes-base's community, credentials and nodes rules.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const nodesBase = (config) => ({ plugins: { 'n8n-nodes-base': n8nNodesBase }, rules: n8nNodesBase.configs[config].rules });

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.dev/**', 'test/**', 'scripts/**', 'bench/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts', 'package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	{ files: ['**/*.ts', 'package.json'], ...n8nCommunityNodesPlugin.configs.recommended },
	{ files: ['package.json'], ...nodesBase('community') },
	{
		files: ['credentials/**/*.ts'],
		...nodesBase('credentials'),
		rules: {
			...nodesBase('credentials').rules,
			// Meant for n8n's own docs slugs; community credentials link a full URL (community-nodes/credential-documentation-url).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		...nodesBase('nodes'),
		rules: {
			...nodesBase('nodes').rules,
			// Superseded: n8n's newer rule (community-nodes/node-connection-type-literal) requires NodeConnectionTypes.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
];
