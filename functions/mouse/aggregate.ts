// Applies one queued batch to its session: raw copy, then state + stats point, at most once per seq.
import { advance, isApplied } from './domain/session.ts';
import { StaleSessionError } from './errors.ts';
import type { BatchMessage } from './messages.ts';
import { saveRawBatch } from './store/batches.ts';
import { commitBatch } from './store/commit.ts';
import { getSession } from './store/sessions.ts';

export type AggregateOutcome = 'applied' | 'duplicate';

/**
 * A batch is applied when its seq is above the session's last_seq, else acknowledged as a duplicate.
 * Gaps (seq > last_seq + 1) are applied, not waited for: the FIFO group delivers a session's batches in
 * order and holds the successor until its predecessor is deleted, so a missing seq was dead-lettered or
 * never sent and waiting would only dead-letter every later batch of the session too.
 */
export const aggregateBatch = async (batch: BatchMessage, now: string): Promise<AggregateOutcome> => {
  await saveRawBatch(batch);
  const state = await getSession(batch.session_id);
  if (isApplied(state, batch.seq)) return 'duplicate';
  const next = advance(state, batch, now);
  if (!(await commitBatch(next.state, next.point, state?.last_seq))) {
    throw new StaleSessionError(`Session ${batch.session_id} changed while applying seq ${batch.seq}.`);
  }
  return 'applied';
};
