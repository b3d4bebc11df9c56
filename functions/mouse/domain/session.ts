// A session's running totals, advanced one batch at a time. Pure: the aggregator reads the state,
// calls `advance`, and commits the result under a condition on the state it read.
import { measure, type Point } from './motion.ts';

export interface Batch {
  readonly session_id: string;
  readonly seq: number;
  readonly events: readonly Point[];
  /** When the ingest API accepted the batch (ISO-8601 UTC). */
  readonly received_at: string;
}

export interface SessionState {
  readonly session_id: string;
  /** When the session's first applied batch was received (ISO-8601 UTC). */
  readonly started_at: string;
  readonly updated_at: string;
  readonly last_seq: number;
  readonly last_point: Point;
  /** Time of the session's first event (epoch ms). */
  readonly t_first: number;
  readonly distance: number;
  readonly events: number;
  readonly batches: number;
  /** Sequence numbers passed over between applied batches (dead-lettered or never sent). */
  readonly skipped_batches: number;
  readonly max_velocity: number;
}

/** One chart point per applied batch. */
export interface StatsPoint {
  readonly seq: number;
  readonly t_start: number;
  readonly t_end: number;
  readonly events: number;
  readonly distance: number;
  readonly cumulative_distance: number;
  readonly avg_velocity: number;
  readonly max_velocity: number;
}

export interface Totals {
  readonly session_id: string;
  readonly started_at: string;
  readonly updated_at: string;
  readonly last_seq: number;
  readonly distance: number;
  readonly events: number;
  readonly batches: number;
  readonly skipped_batches: number;
  /** From the first to the last event, ms. */
  readonly duration_ms: number;
  /** Distance over duration, px/s (0 for a session without elapsed time). */
  readonly avg_velocity: number;
  readonly max_velocity: number;
}

/** Whether `seq` is already reflected in `state` (a redelivery, a duplicate, or a batch overtaken). */
export const isApplied = (state: SessionState | undefined, seq: number): boolean => state !== undefined && seq <= state.last_seq;

/**
 * The state after applying `batch` (which must not be applied yet) and the batch's stats point. The
 * first event joins the previous batch's last point; a gap in seq is passed over and counted.
 */
export const advance = (state: SessionState | undefined, batch: Batch, now: string): { state: SessionState; point: StatsPoint } => {
  const motion = measure(state?.last_point, batch.events);
  const distance = (state?.distance ?? 0) + motion.distance;
  const last = batch.events[batch.events.length - 1]!;
  return {
    state: {
      session_id: batch.session_id,
      started_at: state?.started_at ?? batch.received_at,
      updated_at: now,
      last_seq: batch.seq,
      last_point: { x: last.x, y: last.y, t: last.t },
      t_first: state?.t_first ?? motion.t_start,
      distance,
      events: (state?.events ?? 0) + batch.events.length,
      batches: (state?.batches ?? 0) + 1,
      skipped_batches: (state?.skipped_batches ?? 0) + (state ? batch.seq - state.last_seq - 1 : 0),
      max_velocity: Math.max(state?.max_velocity ?? 0, motion.max_velocity),
    },
    point: { seq: batch.seq, events: batch.events.length, cumulative_distance: distance, ...motion },
  };
};

export const totalsOf = (state: SessionState): Totals => {
  const duration = Math.max(0, state.last_point.t - state.t_first);
  return {
    session_id: state.session_id,
    started_at: state.started_at,
    updated_at: state.updated_at,
    last_seq: state.last_seq,
    distance: state.distance,
    events: state.events,
    batches: state.batches,
    skipped_batches: state.skipped_batches,
    duration_ms: duration,
    avg_velocity: duration > 0 ? (state.distance * 1000) / duration : 0,
    max_velocity: state.max_velocity,
  };
};
