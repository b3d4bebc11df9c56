// `npm start`: the whole API offline on http://localhost:3000 (PORT overrides), reloading handlers on
// save. `--persist` keeps the sandbox's state (tables, queues, objects) under .data/ between runs.
import { MissingJavaError } from './dynamodb-local.ts';
import { formatMetrics } from './function-logs.ts';
import { startSandbox } from './sandbox.ts';

/** Ctrl-C must give the prompt back promptly, whatever a part of the sandbox is doing. */
const STOP_DEADLINE_MS = 1500;

const started = Date.now();
try {
  const sandbox = await startSandbox({ persist: process.argv.includes('--persist'), verbose: true, watch: true });
  console.log(`Sandbox ready in ${Date.now() - started} ms`);
  console.log(`  API and UI  ${sandbox.url.replace('127.0.0.1', 'localhost')}`);
  console.log(`  API docs    ${sandbox.url.replace('127.0.0.1', 'localhost')}/docs/`);
  console.log(`  Console     ${sandbox.url.replace('127.0.0.1', 'localhost')}/_sandbox/   (docs/sandbox-console.md)`);
  console.log(`  API key     ${sandbox.apiKey}   (header x-api-key: /bulk/*, DELETE /history, /formulas/dlq/redrive)`);
  // Ctrl-C reaches every process of the terminal's group at once; each child of the sandbox ends
  // itself or is ended by stop(). A stop that overruns, or a second Ctrl-C, exits at once: the
  // DynamoDB Local guard then kills the JVM as our end of its pipe closes.
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    const metrics = sandbox.metrics();
    if (metrics.length > 0) console.log(`\nMetrics (EMF, summed since start):\n${formatMetrics(metrics)}`);
    console.log(`\nStopping (${signal})...`);
    setTimeout(() => {
      console.error(`Stop took longer than ${STOP_DEADLINE_MS} ms; exiting anyway.`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGHUP', shutdown);
} catch (error) {
  // Setup problems (no Java, port taken) are one line, not a stack trace.
  const message =
    error instanceof MissingJavaError || (error as Error).message.startsWith('Port ')
      ? (error as Error).message
      : String((error as Error).stack ?? error);
  console.error(message);
  process.exit(1);
}
