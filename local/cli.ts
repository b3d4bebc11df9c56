// `npm start`: the whole API offline on http://localhost:3000 (PORT overrides), reloading handlers on
// save. `--persist` keeps DynamoDB data under .data/ between runs.
import { MissingJavaError } from './dynamodb-local.ts';
import { startSandbox } from './sandbox.ts';

const started = Date.now();
try {
  const sandbox = await startSandbox({ persist: process.argv.includes('--persist'), verbose: true, watch: true });
  console.log(`Sandbox ready in ${Date.now() - started} ms`);
  console.log(`  API and UI  ${sandbox.url.replace('127.0.0.1', 'localhost')}`);
  console.log(`  API docs    ${sandbox.url.replace('127.0.0.1', 'localhost')}/docs/`);
  console.log(`  API key     ${sandbox.apiKey}   (header x-api-key, for /bulk/* and /formulas/dlq/redrive)`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping...');
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  // Setup problems (no Java, port taken) are one line, not a stack trace.
  const message = error instanceof MissingJavaError || (error as Error).message.startsWith('Port ') ? (error as Error).message : String((error as Error).stack ?? error);
  console.error(message);
  process.exit(1);
}
