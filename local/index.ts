// The sandbox's public surface, for `npm start` and the integration suites.
export { startSandbox } from './sandbox.ts';
export type { DlqMessage, Fault, InvocationRecord, Sandbox, SandboxOptions } from './types.ts';
