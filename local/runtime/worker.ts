// Runs inside a worker thread: one Lambda execution environment. The handler module is imported once
// (the cold start) and serves invocations one at a time, each with its own context.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { ToWorker, FromWorker, WorkerInit } from './protocol.ts';

// Stack traces in the functions' logs point at the TypeScript sources, not the bundle.
process.setSourceMapsEnabled(true);

const init = workerData as WorkerInit;
const port = parentPort!;
const post = (message: FromWorker): void => port.postMessage(message);

const serialiseError = (error: unknown) =>
  error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack ?? '' }
    : { name: 'Error', message: String(error), stack: '' };

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const load = async (): Promise<Handler> => {
  const mod = (await import(pathToFileURL(init.bundle).href)) as { handler?: Handler };
  if (typeof mod.handler !== 'function') throw new Error(`${init.functionName}: module has no exported 'handler'`);
  return mod.handler;
};

const handlerPromise = load();
handlerPromise.then(
  () => post({ type: 'ready' }),
  (error: unknown) => post({ type: 'init-error', error: serialiseError(error) }),
);

port.on('message', async (message: ToWorker) => {
  const handler = await handlerPromise;
  const context: Context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: init.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${init.region}:000000000000:function:${init.functionName}`,
    memoryLimitInMB: String(init.memoryMb),
    awsRequestId: message.requestId,
    logGroupName: `/aws/lambda/${init.functionName}`,
    logStreamName: `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${init.environmentId}`,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  try {
    const result = await handler(message.event, context);
    post({ type: 'result', id: message.id, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    post({ type: 'error', id: message.id, error: serialiseError(error) });
  }
});
