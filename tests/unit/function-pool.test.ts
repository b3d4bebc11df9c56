// The sandbox's environment scheduling: a burst at a cold function queues for the environments a small
// machine can initialise (never failing their init limit for it), an environment that finished its init
// serves the queue, the init limit still fails slow code, and idle environments are retired.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FunctionPool, type InvocationStats, type PoolConfig } from '#local/runtime/function-pool.ts';
import { InitSlots } from '#local/runtime/init-slots.ts';

const pools: FunctionPool[] = [];

const pool = (overrides: Partial<PoolConfig> & { initMs: number }): FunctionPool => {
  const { initMs, ...rest } = overrides;
  const created = new FunctionPool(
    {
      functionName: 'fake',
      workerScript: join(import.meta.dirname, '../fixtures/pool/worker.mjs'),
      memoryMb: 128,
      env: { INIT_MS: String(initMs) },
      output: () => undefined,
      timeoutMs: 5000,
      maxConcurrency: 10,
      slots: new InitSlots(1, () => 0),
      idleRetireMs: 60_000,
      initLimitMs: 2000,
      ...rest,
    },
    'unused-bundle.mjs',
  );
  pools.push(created);
  return created;
};

const environmentOf = (result: unknown): string => (result as { environment: string }).environment;

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.stop()));
});

describe('Sandbox: function environments', () => {
  it('queues a burst at a cold function for the environments it starts, and starts no more than it needs', async () => {
    // Init takes 300 ms and one init runs at a time; each invocation takes 50 ms.
    const fake = pool({ initMs: 300 });
    const stats: InvocationStats[] = Array.from({ length: 10 }, () => ({}));

    const results = await Promise.all(stats.map((s, i) => fake.invoke({ sleepMs: 50 }, `r${i}`, s)));

    expect(results).toHaveLength(10);
    // Fewer environments than invocations: the first ones to finish their init served the rest (one
    // started while the queue was long may find it drained when ready, on a slow machine).
    const used = new Set(results.map(environmentOf)).size;
    expect(fake.size).toBeLessThan(10);
    expect(fake.size).toBeGreaterThanOrEqual(used);
    // The cold starts report their init, and invocations that waited say how long.
    expect(stats.filter((s) => s.initMs !== undefined).length).toBe(used);
    expect(stats.every((s) => (s.waitedMs ?? 0) > 0)).toBe(true);
  });

  it('lets no more environments initialise at once than there are init slots, first come first served', async () => {
    const slots = new InitSlots(2);
    const order: string[] = [];
    const take = async (name: string) => {
      const release = await slots.acquire();
      order.push(name);
      return release;
    };
    const [a, b] = await Promise.all([take('a'), take('b')]);
    const third = take('c');
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual(['a', 'b']);

    a();
    a(); // a second release of the same slot frees nothing more
    await third;
    const fourth = take('d');
    await new Promise((r) => setTimeout(r, 50));

    expect(order).toEqual(['a', 'b', 'c']);
    b();
    await fourth;
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('fails an invocation whose environment overruns the init limit, and keeps no such environment', async () => {
    const slow = pool({ initMs: 5000, initLimitMs: 300 });

    const failure = await slow.invoke({}, 'r1').catch((e: Error) => e);

    expect(failure).toMatchObject({ name: 'Sandbox.InitTimeout', kind: 'init-error' });
    expect(slow.size).toBe(0);
  });

  it('gives an init longer while the machine runs more than it has cores, and fails code slow on its own', async () => {
    const busy = new InitSlots(1, () => availableParallelism() * 4);
    const slowed = pool({ initMs: 800, initLimitMs: 300, slots: busy });
    const slow = pool({ initMs: 5000, initLimitMs: 300, slots: busy });

    await expect(slowed.invoke({}, 'r1')).resolves.toBeDefined();
    await expect(slow.invoke({}, 'r2')).rejects.toMatchObject({ name: 'Sandbox.InitTimeout' });
  });

  it('reuses the warm environment for later invocations', async () => {
    const fake = pool({ initMs: 100 });
    const first = environmentOf(await fake.invoke({}, 'r1'));
    const stats: InvocationStats = {};

    const second = environmentOf(await fake.invoke({}, 'r2', stats));

    expect(second).toBe(first);
    expect(stats.initMs).toBeUndefined();
  });

  it('retires environments that sat idle past the idle limit', async () => {
    const fake = pool({ initMs: 0, idleRetireMs: 100 });
    await fake.invoke({}, 'r1');
    expect(fake.size).toBe(1);

    await new Promise((r) => setTimeout(r, 400));

    expect(fake.size).toBe(0);
    // The next invocation cold-starts a new one.
    const stats: InvocationStats = {};
    await fake.invoke({}, 'r2', stats);
    expect(stats.initMs).toBeDefined();
  });
});
