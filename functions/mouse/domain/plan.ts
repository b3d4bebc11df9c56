// Folds a session's planned steps into commits: the writes of each and the session state it leaves.
// Pure. A commit is one DynamoDB transaction, so its writes plus the session item stay within the
// 100-item limit of TransactWriteItems; a longer plan is split, each commit leaving a consistent state.
import type { Step } from './reorder.ts';
import { advance, countLate, hold, pass, type Batch, type SessionState } from './session.ts';
import type { StatsPoint } from './stats-point.ts';

export type RawStatus = 'pending' | 'applied' | 'late';

export type Write =
  /** Store the batch as received; never over an existing copy. */
  | { kind: 'raw'; batch: Batch; status: RawStatus }
  /** A stored pending batch got applied. */
  | { kind: 'applied'; seq: number }
  | { kind: 'point'; point: StatsPoint };

export interface Commit {
  readonly writes: readonly Write[];
  /** The session after the commit; its version is one more than the state before. */
  readonly state: SessionState;
}

/** TransactWriteItems takes at most 100 items; one of them is the session. */
export const MAX_WRITES_PER_COMMIT = 99;

/**
 * The commits that carry `state` through `steps`. `stored` holds the events of the pending batches the
 * steps apply (they were kept raw by an earlier plan).
 */
export const planCommits = (
  state: SessionState,
  steps: readonly Step[],
  stored: ReadonlyMap<number, Batch>,
  now: string,
): Commit[] => {
  const commits: Commit[] = [];
  let current = state;
  let writes: Write[] = [];
  /** Raw writes of batches held in the open commit, by seq: applying one there just changes its status. */
  let heldHere = new Map<number, { kind: 'raw'; batch: Batch; status: RawStatus }>();
  /** Every batch this plan holds, by seq, for applying one held in an earlier commit of the plan. */
  const held = new Map(stored);
  /** Whether `current` moved since the last commit (a pass writes nothing but must be committed). */
  let moved = false;
  const close = (): void => {
    if (!moved) return;
    current = { ...current, version: current.version + 1 };
    commits.push({ writes, state: current });
    writes = [];
    heldHere = new Map();
    moved = false;
  };
  /** Makes room for `n` more writes in the open commit. */
  const room = (n: number): void => {
    if (writes.length + n > MAX_WRITES_PER_COMMIT) close();
  };

  for (const step of steps) {
    if (step.kind === 'duplicate') continue;
    switch (step.kind) {
      case 'hold': {
        room(1);
        const raw = { kind: 'raw' as const, batch: step.batch, status: 'pending' as RawStatus };
        writes.push(raw);
        heldHere.set(step.batch.seq, raw);
        held.set(step.batch.seq, step.batch);
        current = hold(current, step.batch, now);
        break;
      }
      case 'apply': {
        room(heldHere.has(step.seq) ? 1 : 2);
        const raw = heldHere.get(step.seq);
        const next = advance(current, raw?.batch ?? storedBatch(held, step.seq), now);
        if (raw) raw.status = 'applied';
        else writes.push({ kind: 'applied', seq: step.seq });
        writes.push({ kind: 'point', point: next.point });
        current = next.state;
        break;
      }
      case 'late':
        room(1);
        writes.push({ kind: 'raw', batch: step.batch, status: 'late' });
        current = countLate(current, now);
        break;
      case 'pass':
        current = pass(current, step.to, step.skipped, now);
        break;
    }
    moved = true;
  }
  close();
  return commits;
};

const storedBatch = (stored: ReadonlyMap<number, Batch>, seq: number): Batch => {
  const batch = stored.get(seq);
  if (!batch) throw new Error(`The events of pending seq ${seq} were not loaded.`);
  return batch;
};
