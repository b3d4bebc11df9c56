// The aggregator's pure core (schedule + planCommits) driven like the queue drives it: arrivals in
// deliveries of up to ten, every commit applied to an in-memory copy of the tables.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDueAt, schedule, type Arrival } from '#functions/mouse/domain/reorder.ts';
import { newSession, totalsOf, type Batch, type SessionState } from '#functions/mouse/domain/session.ts';
import type { StatsPoint } from '#functions/mouse/domain/stats-point.ts';
import { MAX_WRITES_PER_COMMIT, planCommits, type RawStatus } from '#functions/mouse/domain/plan.ts';

const BOUND_MS = 3_000;
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const at = (ms: number): string => new Date(T0 + ms).toISOString();

/** The tables as the aggregator's commits leave them. */
class Store {
  state: SessionState = newSession('s', at(0));
  readonly raw = new Map<number, { batch: Batch; status: RawStatus }>();
  readonly points: StatsPoint[] = [];
  commits = 0;

  deliver(arrivals: readonly Arrival[]): void {
    const steps = schedule(this.state, arrivals, BOUND_MS);
    const stored = new Map([...this.raw].filter(([, r]) => r.status === 'pending').map(([seq, r]) => [seq, r.batch]));
    // A late batch already stored is a duplicate: the aggregator learns it from the failed condition.
    const kept = steps.filter((s) => s.kind !== 'late' || !this.raw.has(s.batch.seq));
    for (const commit of planCommits(this.state, kept, stored, 'now')) {
      expect(commit.writes.length).toBeLessThanOrEqual(MAX_WRITES_PER_COMMIT);
      expect(commit.state.version).toBe(this.state.version + 1);
      for (const write of commit.writes) {
        if (write.kind === 'raw') {
          expect(this.raw.has(write.batch.seq)).toBe(false);
          this.raw.set(write.batch.seq, { batch: write.batch, status: write.status });
        } else if (write.kind === 'applied') {
          expect(this.raw.get(write.seq)?.status).toBe('pending');
          this.raw.get(write.seq)!.status = 'applied';
        } else this.points.push(write.point);
      }
      this.state = commit.state;
      this.commits++;
    }
  }
}

/** Batch `seq` of `walk` (one list of events per seq), received at `receivedMs`. */
const batchOf = (walk: readonly Batch['events'][], seq: number, receivedMs: number): Batch => ({
  session_id: 's',
  seq,
  events: walk[seq]!,
  received_at: at(receivedMs),
});
const arrival = (batch: Batch): Arrival => ({ kind: 'batch', batch });
const check = (ms: number): Arrival => ({ kind: 'check', at: at(ms) });

/** A pointer walk of `n` batches: integer steps, time never going back. */
const walkArb = (n: number) =>
  fc
    .array(
      fc.array(
        fc.tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 40 }), fc.integer({ min: 0, max: 30 })),
        { minLength: 1, maxLength: 8 },
      ),
      {
        minLength: n,
        maxLength: n,
      },
    )
    .map((batches) => {
      let [x, y, t] = [500, 500, 1_795_428_000_000];
      return batches.map((moves) =>
        moves.map(([dx, dy, dt]) => {
          [x, y, t] = [x + dx, y + dy, t + dt];
          return { x, y, t };
        }),
      );
    });

const inOrder = (walk: readonly Batch['events'][], sentMs: readonly number[]): Store => {
  const store = new Store();
  walk.forEach((_, seq) => {
    store.deliver([arrival(batchOf(walk, seq, sentMs[seq]!))]);
  });
  return store;
};

/** Everything but the processing time. */
const totals = (store: Store) => ({ ...totalsOf(store.state), updated_at: undefined });

describe('Function: schedule() with planCommits()', () => {
  it('gives the in-order totals and stats points for any arrival order within the bound', () => {
    const N = 50;
    fc.assert(
      fc.property(
        walkArb(N),
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: N, maxLength: N }),
        fc.array(fc.integer({ min: 0, max: BOUND_MS }), { minLength: N, maxLength: N }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: N, maxLength: N }),
        (walk, pauses, delays, deliverySizes) => {
          // Prepare: batch i sent after the pauses before it, received up to the bound later; what is
          // received is queued in order of receipt, each pending batch's gap check behind it when due.
          let clock = 0;
          const sentMs = pauses.map((p) => (clock += p));
          const expected = inOrder(walk, sentMs);
          const queued = walk
            .flatMap((_, seq) => {
              const received = sentMs[seq]! + delays[seq]!;
              return [
                { time: received, arrival: arrival(batchOf(walk, seq, received)) },
                { time: received + BOUND_MS + 1, arrival: check(received + BOUND_MS + 1) },
              ];
            })
            .sort((a, b) => a.time - b.time);

          // Act: delivered in groups of up to ten, as the event source mapping does.
          const store = new Store();
          for (let i = 0, d = 0; i < queued.length; i += deliverySizes[d++ % N]!) {
            store.deliver(queued.slice(i, i + deliverySizes[d % N]!).map((q) => q.arrival));
          }

          // Assess
          expect(totals(store)).toEqual(totals(expected));
          expect(store.state).toMatchObject({ last_seq: N - 1, skipped_batches: 0, late_batches: 0, pending: [] });
          expect(store.points).toEqual(expected.points);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('passes a seq that never arrives once the bound has passed, with nothing arriving after', () => {
    // Prepare: seq 3 is lost; 4..9 arrive 100 ms apart and wait behind it.
    const walk = Array.from({ length: 10 }, (_, seq) => [{ x: seq, y: 0, t: seq }]);
    const store = new Store();
    for (let seq = 0; seq < 10; seq++) if (seq !== 3) store.deliver([arrival(batchOf(walk, seq, seq * 100))]);
    expect(store.state).toMatchObject({
      last_seq: 2,
      pending: [4, 5, 6, 7, 8, 9].map((seq) => ({ seq, received_at: at(seq * 100) })),
    });

    // Act: a check before it is due changes nothing; the one due for seq 4 passes the gap.
    store.deliver([check(400 + BOUND_MS)]);
    const before = store.commits;
    store.deliver([check(Date.parse(checkDueAt(at(400), BOUND_MS)) - T0)]);

    // Assess
    expect(store.commits).toBe(before + 1);
    expect(totalsOf(store.state)).toMatchObject({
      last_seq: 9,
      batches: 9,
      events: 9,
      skipped_batches: 1,
      late_batches: 0,
      pending_batches: 0,
    });
    expect(store.points.map((p) => p.seq)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    expect([...store.raw].filter(([, r]) => r.status !== 'applied')).toEqual([]);
  });

  it('counts a batch received after its seq was passed as late, once, and stores it raw', () => {
    const walk = Array.from({ length: 3 }, (_, seq) => [{ x: seq, y: 0, t: seq }]);
    const store = new Store();
    store.deliver([arrival(batchOf(walk, 0, 0)), arrival(batchOf(walk, 2, 10))]);

    // Act: seq 1 is received after the bound (which passes its gap first), then delivered again.
    const late = batchOf(walk, 1, 10 + BOUND_MS + 1);
    store.deliver([arrival(late)]);
    store.deliver([arrival(late)]);

    // Assess
    expect(totalsOf(store.state)).toMatchObject({ last_seq: 2, batches: 2, skipped_batches: 1, late_batches: 1 });
    expect(store.raw.get(1)).toEqual({ batch: late, status: 'late' });
    expect(store.points.map((p) => p.seq)).toEqual([0, 2]);
  });

  it('applies a gap filled within the bound as if nothing was out of order, with its successors in one commit', () => {
    const walk = Array.from({ length: 6 }, (_, seq) => [{ x: seq * 3, y: seq * 4, t: seq * 10 }]);
    const store = new Store();
    store.deliver([arrival(batchOf(walk, 0, 0))]);
    for (const seq of [2, 3, 4, 5]) store.deliver([arrival(batchOf(walk, seq, seq))]);
    const before = store.commits;

    store.deliver([arrival(batchOf(walk, 1, BOUND_MS))]);

    expect(store.commits).toBe(before + 1);
    expect(store.points.map((p) => p.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(totalsOf(store.state)).toMatchObject({
      distance: 25,
      skipped_batches: 0,
      late_batches: 0,
      pending_batches: 0,
    });
  });

  it('starts a session at its lowest seq when seq 0 does not come within the bound', () => {
    const walk = Array.from({ length: 4 }, (_, seq) => [{ x: seq, y: 0, t: seq }]);
    const store = new Store();
    store.deliver([3, 2].map((seq) => arrival(batchOf(walk, seq, 0))));
    expect(store.state.batches).toBe(0);

    store.deliver([check(BOUND_MS + 1)]);

    expect(totalsOf(store.state)).toMatchObject({ last_seq: 3, batches: 2, skipped_batches: 0 });
  });

  it('applies waiting batches that are next already, as a crash between split commits leaves them', () => {
    const pending = [3, 4].map((seq) => ({ seq, received_at: at(0) }));

    expect(schedule({ last_seq: 2, pending }, [check(1)], BOUND_MS)).toEqual([
      { kind: 'apply', seq: 3 },
      { kind: 'apply', seq: 4 },
    ]);
  });

  it('passes a gap early when more batches wait behind it than the session item may list', () => {
    const batches = [2, 3, 4].map((seq) =>
      arrival({ session_id: 's', seq, events: [{ x: 0, y: 0, t: 0 }], received_at: at(0) }),
    );

    expect(schedule({ last_seq: 0, pending: [] }, batches, BOUND_MS, 2).map((s) => s.kind)).toEqual([
      'hold',
      'hold',
      'hold',
      'pass',
      'apply',
      'apply',
      'apply',
    ]);
  });

  it('applies a batch held in an earlier commit of the same plan', () => {
    // 99 held batches fill the first commit; seq 0 then releases them all in the next ones.
    const walk = Array.from({ length: 101 }, (_, seq) => [{ x: seq, y: 0, t: seq }]);
    const store = new Store();

    store.deliver([
      ...Array.from({ length: 100 }, (_, i) => arrival(batchOf(walk, i + 1, 0))),
      arrival(batchOf(walk, 0, 1)),
    ]);

    expect(store.points.map((p) => p.seq)).toEqual([...Array(101).keys()]);
    expect([...store.raw.values()].every((r) => r.status === 'applied')).toBe(true);
  });

  it('splits applying more pending batches than one transaction takes into consistent commits', () => {
    const walk = Array.from({ length: 121 }, (_, seq) => [{ x: seq, y: 0, t: seq }]);
    const store = new Store();
    for (let seq = 1; seq <= 120; seq++) store.deliver([arrival(batchOf(walk, seq, 0))]);
    const before = store.commits;

    store.deliver([arrival(batchOf(walk, 0, 1))]);

    // 121 stats points and 120 raw updates, 99 writes a commit.
    expect(store.commits - before).toBe(Math.ceil((121 + 120) / MAX_WRITES_PER_COMMIT));
    expect(store.points.map((p) => p.seq)).toEqual([...Array(121).keys()]);
    expect(store.state).toMatchObject({ last_seq: 120, batches: 121, pending: [] });
  });
});
