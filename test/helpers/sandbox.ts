// The sandbox is plain JavaScript (the demo runs it without a build); its JSDoc types come through allowJs.
import { startSandbox } from '../sandbox';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type SandboxCredential = ReturnType<Sandbox['createAccount']>;

export { startSandbox };
