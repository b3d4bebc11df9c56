// Restores a session's seq order within a lateness bound. Pure: given what the session holds (last_seq
// and the batches pending behind a gap) and what just arrived, it says what to do with each batch.
//
// The clock is the arrivals' own `received_at` (and a gap check's `at`), never the time of processing:
// a missing seq is passed over once the bound has elapsed since the first batch after it was received,
// and a batch received after that is late. So the outcome depends on when batches reached the API, not
// on how far behind the aggregator runs, and replaying the same arrivals gives the same steps.
import { LIMITS } from '../constants.ts';
import type { Batch, Pending } from './session.ts';

export type Arrival =
  | { readonly kind: 'batch'; readonly batch: Batch }
  | { readonly kind: 'check'; readonly at: string };

export type Step =
  /** Apply the seq after last_seq: an arrival held in the same plan or a stored pending batch. */
  | { readonly kind: 'apply'; readonly seq: number }
  /** Keep the batch (stored raw) until its predecessors arrive or are passed over. */
  | { readonly kind: 'hold'; readonly batch: Batch }
  /** Its seq is at or below last_seq: late if its raw copy is not stored yet, else a duplicate. */
  | { readonly kind: 'late'; readonly batch: Batch }
  /** Already pending, or held earlier in the same plan (a redelivery or a re-post). */
  | { readonly kind: 'duplicate'; readonly batch: Batch }
  /** Pass over the missing seqs up to `to`; `skipped` of them count (none before the first batch). */
  | { readonly kind: 'pass'; readonly to: number; readonly skipped: number };

export interface Frontier {
  readonly last_seq: number;
  readonly pending: readonly Pending[];
}

const timeOf = (arrival: Arrival): number =>
  Date.parse(arrival.kind === 'batch' ? arrival.batch.received_at : arrival.at);

/**
 * The steps for `arrivals` (in queue order) from `frontier`. Before each arrival, gaps overdue at its
 * time are passed; a batch's arrival then applies every batch it makes consecutive. A session's seqs
 * may start anywhere: before anything is applied, seq 0 is expected, and the lowest seq received is
 * taken as the start once the bound has passed without seq 0. More than `maxPending` batches waiting
 * pass the first gap at once.
 */
export const schedule = (
  frontier: Frontier,
  arrivals: readonly Arrival[],
  boundMs: number,
  maxPending: number = LIMITS.pendingBatches,
): Step[] => {
  const steps: Step[] = [];
  let last = frontier.last_seq;
  const pending = new Map(frontier.pending.map((p) => [p.seq, Date.parse(p.received_at)]));
  /** Seqs stored raw or held by this plan: another copy of one is a duplicate. */
  const known = new Set(pending.keys());

  const applyConsecutive = (): void => {
    while (pending.has(last + 1)) {
      pending.delete(++last);
      steps.push({ kind: 'apply', seq: last });
    }
  };
  const passOverdue = (now: number): void => {
    // Too many waiting (a client far ahead) passes the gap early: the session item must stay small.
    while (pending.size > maxPending || (pending.size > 0 && now - Math.min(...pending.values()) > boundMs)) {
      const next = Math.min(...pending.keys());
      steps.push({ kind: 'pass', to: next - 1, skipped: last >= 0 ? next - last - 1 : 0 });
      last = next - 1;
      applyConsecutive();
    }
  };

  // Only after a plan split into several commits was cut short can a waiting batch be next already.
  applyConsecutive();
  for (const arrival of arrivals) {
    passOverdue(timeOf(arrival));
    if (arrival.kind === 'check') continue;
    const { batch } = arrival;
    if (known.has(batch.seq)) steps.push({ kind: 'duplicate', batch });
    else if (batch.seq <= last) steps.push({ kind: 'late', batch });
    else {
      known.add(batch.seq);
      pending.set(batch.seq, Date.parse(batch.received_at));
      steps.push({ kind: 'hold', batch });
      applyConsecutive();
      passOverdue(timeOf(arrival));
    }
  }
  return steps;
};

/** When a gap check must run for a batch held at `received_at`: just past the bound. */
export const checkDueAt = (received_at: string, boundMs: number): string =>
  new Date(Date.parse(received_at) + boundMs + 1).toISOString();
