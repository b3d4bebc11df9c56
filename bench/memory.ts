// Memory of the sandbox's function environments: RSS of the sandbox's process (DynamoDB Local's JVM is
// a process of its own, not counted) after start, after one invocation of every function (each
// environment then warm), and once they have been idle for 30 s. Per environment: the growth / count.
//   npm run bench:memory
import { app } from '#app';
import { startSandbox } from '#local/index.ts';

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 2000));

const sandbox = await startSandbox({ port: 0, throttles: false });
try {
  await settle();
  const before = process.memoryUsage.rss();
  console.log(`after start: RSS ${mb(before)}`);
  let n = 0;
  for (const fn of app.functions) {
    // An empty event: most handlers refuse it, but the environment has loaded its module and stays warm.
    await sandbox.invoke(fn.name, {}).catch(() => undefined);
    n++;
  }
  await settle();
  const after = process.memoryUsage.rss();
  console.log(`after one invocation of each of ${n} functions: RSS ${mb(after)}`);
  console.log(`per environment: ${mb((after - before) / n)}`);
  // V8 shrinks an idle isolate's heap after a while.
  await new Promise((r) => setTimeout(r, 30_000));
  const idle = process.memoryUsage.rss();
  console.log(`30 s later, all idle: RSS ${mb(idle)}, per environment ${mb((idle - before) / n)}`);
} finally {
  await sandbox.stop();
}
