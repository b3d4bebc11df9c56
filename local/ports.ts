import { createServer } from 'node:net';

/** Asks the OS for a free loopback port. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

/** Polls `probe` until it resolves true; `fatal` returning a message aborts the wait at once. */
export const waitFor = async (
  probe: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  fatal: () => string | undefined = () => undefined,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failure = fatal();
    if (failure) throw new Error(`${what} failed: ${failure}`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms`);
};
