// Applies one queued batch to its session: raw copy, state and stats point, at most once per seq.
import { advance, isApplied, type SessionState } from './domain/session.ts';
import { StaleSessionError } from './errors.ts';
import type { BatchMessage } from './messages.ts';
import { saveRawBatch } from './store/batches.ts';
import { commitBatch } from './store/commit.ts';
import { getSession } from './store/sessions.ts';

export type AggregateOutcome = 'applied' | 'duplicate';

/**
 * The state this execution environment last committed, per session. A session's batches usually come
 * to the same environment one after another, so this saves the read; the commit's condition catches a
 * guess gone stale (another environment advanced the session) and the retry reads the table.
 */
const lastCommitted = new Map<string, SessionState>();
const REMEMBERED_SESSIONS = 1_000;

const remember = (state: SessionState): void => {
  lastCommitted.delete(state.session_id);
  lastCommitted.set(state.session_id, state);
  if (lastCommitted.size > REMEMBERED_SESSIONS) lastCommitted.delete(lastCommitted.keys().next().value!);
};

const applyTo = async (state: SessionState | undefined, batch: BatchMessage, now: string): Promise<AggregateOutcome | 'stale'> => {
  if (isApplied(state, batch.seq)) {
    // Already counted; stored raw too, unless it is a dead-lettered batch redriven after its successors.
    await saveRawBatch(batch);
    return 'duplicate';
  }
  const next = advance(state, batch, now);
  if (!(await commitBatch(batch, next.state, next.point, state?.last_seq))) return 'stale';
  remember(next.state);
  return 'applied';
};

/**
 * A batch is applied when its seq is above the session's last_seq, else acknowledged as a duplicate.
 * Gaps (seq > last_seq + 1) are applied, not waited for: the FIFO group delivers a session's batches in
 * order and holds the successor until its predecessor is deleted, so a missing seq was dead-lettered or
 * never sent and waiting would only dead-letter every later batch of the session too.
 */
export const aggregateBatch = async (batch: BatchMessage, now: string): Promise<AggregateOutcome> => {
  const remembered = lastCommitted.get(batch.session_id);
  const guessed = remembered ? await applyTo(remembered, batch, now) : 'stale';
  if (guessed !== 'stale') return guessed;
  const outcome = await applyTo(await getSession(batch.session_id), batch, now);
  if (outcome === 'stale') throw new StaleSessionError(`Session ${batch.session_id} changed while applying seq ${batch.seq}.`);
  return outcome;
};
