// A session's running totals, advanced one batch at a time. Pure: the aggregator reads the state,
// plans the steps (./reorder.ts), folds them with `advance`/`pass`/`hold`/`countLate`, and commits the
// result under a condition on the version it read.
import { measure, type Point } from './motion.ts';
import type { StatsPoint } from './stats-point.ts';

export interface Batch {
  readonly session_id: string;
  readonly seq: number;
  readonly events: readonly Point[];
  /** When the ingest API accepted the batch (ISO-8601 UTC). */
  readonly received_at: string;
}

/** A batch stored raw ahead of a gap, waiting for the gap to fill or to be passed. */
export interface Pending {
  readonly seq: number;
  readonly received_at: string;
}

export interface SessionState {
  readonly session_id: string;
  /** When the session's first batch was received (ISO-8601 UTC). */
  readonly started_at: string;
  readonly updated_at: string;
  /** Commits so far: the next commit is conditional on it (0: nothing stored yet). */
  readonly version: number;
  /** Every seq up to here is applied or passed over; -1 before the first. */
  readonly last_seq: number;
  /** The last applied event; absent until a batch is applied. */
  readonly last_point?: Point;
  /** Time of the session's first applied event (epoch ms). */
  readonly t_first?: number;
  readonly distance: number;
  readonly events: number;
  readonly batches: number;
  /** Sequence numbers passed over because they did not arrive within the lateness bound. */
  readonly skipped_batches: number;
  /** Batches that arrived after their seq was passed over: stored raw, not counted in the totals. */
  readonly late_batches: number;
  readonly max_velocity: number;
  /** Batches waiting behind a gap, ascending seq. */
  readonly pending: readonly Pending[];
}

/** One chart point per applied batch. */
export interface Totals {
  readonly session_id: string;
  readonly started_at: string;
  readonly updated_at: string;
  readonly last_seq: number;
  readonly distance: number;
  readonly events: number;
  readonly batches: number;
  readonly skipped_batches: number;
  readonly late_batches: number;
  readonly pending_batches: number;
  /** From the first to the last event, ms. */
  readonly duration_ms: number;
  /** Distance over duration, px/s (0 for a session without elapsed time). */
  readonly avg_velocity: number;
  readonly max_velocity: number;
}

/** The state of a session nothing was stored for yet. */
export const newSession = (session_id: string, received_at: string): SessionState => ({
  session_id,
  started_at: received_at,
  updated_at: received_at,
  version: 0,
  last_seq: -1,
  distance: 0,
  events: 0,
  batches: 0,
  skipped_batches: 0,
  late_batches: 0,
  max_velocity: 0,
  pending: [],
});

/**
 * The state after applying `batch` (the seq after last_seq, taken out of pending if it waited there)
 * and the batch's stats point. The first event joins the previous batch's last point.
 */
export const advance = (state: SessionState, batch: Batch, now: string): { state: SessionState; point: StatsPoint } => {
  const motion = measure(state.last_point, batch.events);
  const distance = state.distance + motion.distance;
  const last = batch.events[batch.events.length - 1]!;
  return {
    state: {
      ...state,
      updated_at: now,
      last_seq: batch.seq,
      last_point: { x: last.x, y: last.y, t: last.t },
      t_first: state.t_first ?? motion.t_start,
      distance,
      events: state.events + batch.events.length,
      batches: state.batches + 1,
      max_velocity: Math.max(state.max_velocity, motion.max_velocity),
      pending: state.pending.filter((p) => p.seq !== batch.seq),
    },
    point: { seq: batch.seq, events: batch.events.length, cumulative_distance: distance, ...motion },
  };
};

/** Keeps `batch` waiting behind a gap. */
export const hold = (state: SessionState, batch: Batch, now: string): SessionState => ({
  ...state,
  updated_at: now,
  pending: [...state.pending, { seq: batch.seq, received_at: batch.received_at }].sort((a, b) => a.seq - b.seq),
});

/** Passes over the seqs up to `to`, counting `skipped` of them. */
export const pass = (state: SessionState, to: number, skipped: number, now: string): SessionState => ({
  ...state,
  updated_at: now,
  last_seq: to,
  skipped_batches: state.skipped_batches + skipped,
});

export const countLate = (state: SessionState, now: string): SessionState => ({
  ...state,
  updated_at: now,
  late_batches: state.late_batches + 1,
});

export const totalsOf = (state: SessionState): Totals => {
  const duration =
    state.last_point && state.t_first !== undefined ? Math.max(0, state.last_point.t - state.t_first) : 0;
  return {
    session_id: state.session_id,
    started_at: state.started_at,
    updated_at: state.updated_at,
    last_seq: state.last_seq,
    distance: state.distance,
    events: state.events,
    batches: state.batches,
    skipped_batches: state.skipped_batches,
    late_batches: state.late_batches,
    pending_batches: state.pending.length,
    duration_ms: duration,
    avg_velocity: duration > 0 ? (state.distance * 1000) / duration : 0,
    max_velocity: state.max_velocity,
  };
};
