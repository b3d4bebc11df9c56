// Settles what arrived for one session: batches are applied in seq order, held behind a gap, counted
// late or recognised as duplicates, and gaps past the lateness bound are passed over; all of it in as
// few transactions as DynamoDB allows (usually one).
import { planCommits } from '../domain/plan.ts';
import { checkDueAt, schedule, type Arrival, type Step } from '../domain/reorder.ts';
import { newSession, type SessionState } from '../domain/session.ts';
import { StaleSessionError } from '../errors.ts';
import {
  commitSession,
  getSession,
  loadBatches,
  type QueueConfig,
  scheduleGapCheck,
  type SessionTables,
} from '../store/index.ts';
import { countSettled } from './aggregate-metrics.ts';

export interface AggregateDeps extends SessionTables {
  readonly gapChecks: QueueConfig;
  /** How long a gap may stay open (ms of `received_at`) before it is passed over. */
  readonly boundMs: number;
}

/**
 * The state this execution environment last committed, per session. A session's messages usually come
 * to the same environment one after another, so this saves the read; the commit's condition catches a
 * guess gone stale (another environment advanced the session) and the retry reads the table; a plan
 * from it that commits nothing is made again from the table (nothing else would catch the staleness).
 */
const lastCommitted = new Map<string, SessionState>();
const REMEMBERED_SESSIONS = 1_000;

const remember = (state: SessionState): void => {
  lastCommitted.delete(state.session_id);
  lastCommitted.set(state.session_id, state);
  if (lastCommitted.size > REMEMBERED_SESSIONS) lastCommitted.delete(lastCommitted.keys().next().value!);
};

type Settled =
  | { readonly kind: 'settled'; readonly state: SessionState; readonly steps: readonly Step[] }
  | { readonly kind: 'stale'; readonly state: SessionState }
  | { readonly kind: 'duplicates'; readonly state: SessionState; readonly seqs: readonly number[] };

/** Plans from `state` and commits; on a failed condition, says so with the state reached so far. */
const settle = async (
  deps: AggregateDeps,
  state: SessionState,
  arrivals: readonly Arrival[],
  now: string,
): Promise<Settled> => {
  const steps = schedule(state, arrivals, deps.boundMs);
  const waiting = new Set(state.pending.map((p) => p.seq));
  const stored = await loadBatches(
    deps.batches,
    state.session_id,
    steps.flatMap((s) => (s.kind === 'apply' && waiting.has(s.seq) ? [s.seq] : [])),
  );
  let reached = state;
  for (const commit of planCommits(state, steps, stored, now)) {
    const result = await commitSession(deps, commit, reached.version);
    if (result.kind !== 'committed') return { ...result, state: reached };
    reached = commit.state;
    remember(reached);
  }
  return { kind: 'settled', state: reached, steps };
};

/**
 * Settles `arrivals` (one session's messages, in queue order). A crash or a failed condition part-way
 * leaves a consistent state (each commit is a whole step); the redelivered messages then find what
 * was done as duplicates. Throws StaleSessionError when the session moved under a fresh read, so the
 * messages are retried after it.
 */
export const aggregateSession = async (
  deps: AggregateDeps,
  sessionId: string,
  arrivals: readonly Arrival[],
  now: string,
): Promise<SessionState> => {
  const firstBatch = arrivals.find((a) => a.kind === 'batch');
  const read = async () =>
    (await getSession(deps.sessions, sessionId)) ?? newSession(sessionId, firstBatch?.batch.received_at ?? now);
  const duplicates = new Set<number>();
  let state = lastCommitted.get(sessionId);
  let fresh = state === undefined;
  state ??= await read();
  const reread = async (): Promise<SessionState> => {
    lastCommitted.delete(sessionId);
    fresh = true;
    return read();
  };
  for (;;) {
    // A duplicate keeps its place as a tick of the clock: the gaps it passed are passed all the same.
    const planned = arrivals.map(
      (a): Arrival =>
        a.kind === 'batch' && duplicates.has(a.batch.seq) ? { kind: 'check', at: a.batch.received_at } : a,
    );
    const settled = await settle(deps, state, planned, now);
    // Only a commit's condition proves a remembered state current. A plan from one that committed nothing
    // (a gap check finding nothing overdue, a redelivery) may rest on a stale state: read, plan again.
    if (settled.kind === 'settled' && !fresh && settled.state === state) {
      state = await reread();
      continue;
    }
    if (settled.kind === 'settled') {
      countSettled(settled.steps, arrivals, Date.now());
      await scheduleChecks(deps, settled.state, arrivals);
      return settled.state;
    }
    if (settled.kind === 'duplicates') {
      for (const seq of settled.seqs) duplicates.add(seq);
      state = settled.state;
    } else if (fresh) {
      throw new StaleSessionError(`Session ${sessionId} changed while settling ${arrivals.length} messages.`);
    } else {
      state = await reread();
    }
  }
};

/**
 * A gap check for every arrival left pending, due when its wait reaches the bound: without one, a
 * session whose missing batch never comes would hold the batches after it for good. Sent after the
 * commit, and again when a redelivery finds the batch already pending, so a crash in between loses none.
 */
const scheduleChecks = async (
  deps: AggregateDeps,
  state: SessionState,
  arrivals: readonly Arrival[],
): Promise<void> => {
  const arrived = new Set(arrivals.flatMap((a) => (a.kind === 'batch' ? [a.batch.seq] : [])));
  const nowMs = Date.now();
  await Promise.all(
    state.pending
      .filter((p) => arrived.has(p.seq))
      .map((p) =>
        scheduleGapCheck(
          deps.gapChecks,
          { kind: 'gap-check', session_id: state.session_id, at: checkDueAt(p.received_at, deps.boundMs) },
          nowMs,
        ),
      ),
  );
};
