// A sandbox in a process of its own, for tests that stop or kill it: started with the options given as
// JSON in argv[2] (PORT=0 picks a port), it prints one line `{"url", "apiKey"}` once ready and runs
// until killed; SIGINT or SIGTERM stops it as `npm start` stops on Ctrl-C.
import { startSandbox } from '#local/index.ts';

const sandbox = await startSandbox({ port: 0, ...(JSON.parse(process.argv[2] ?? '{}') as object) });
console.log(JSON.stringify({ url: sandbox.url, apiKey: sandbox.apiKey }));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void sandbox.stop().then(() => process.exit(0)));
