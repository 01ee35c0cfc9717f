// The official starter's lint (`n8n-node lint`): @n8n/node-cli's own ESLint config, unchanged. `npm run lint`
// runs it over what a starter project holds (nodes/, credentials/, package.json). `n8n-node lint` itself is
// not used: in strict mode it refuses any eslint.config.mjs other than the starter's two lines, and ours also
// carries the verification scanner's rule sets.
import { config } from '@n8n/node-cli/eslint';

export default config;
