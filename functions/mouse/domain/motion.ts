// Distance and velocity of a pointer path. Pure maths on {x, y, t} points (px, epoch ms).

export interface Point {
  readonly x: number;
  readonly y: number;
  /** Epoch milliseconds. */
  readonly t: number;
}

export interface Motion {
  /** Path length in px, the segment from the previous batch's last point included. */
  readonly distance: number;
  /** Times of the batch's first and last event. */
  readonly t_start: number;
  readonly t_end: number;
  /** Distance over the time it took (from the previous point when there is one), px/s; 0 if no time passed. */
  readonly avg_velocity: number;
  /** Fastest segment in px/s. Segments without elapsed time (dt <= 0) add distance but no velocity. */
  readonly max_velocity: number;
}

const speed = (distance: number, ms: number): number => (ms > 0 ? (distance * 1000) / ms : 0);

/**
 * Measures a batch's path: `previous` (the last point already counted) joins the first event, so the
 * distance between batches is not lost. Every result is finite for finite input.
 */
export const measure = (previous: Point | undefined, events: readonly Point[]): Motion => {
  const first = events[0];
  const last = events[events.length - 1];
  if (!first || !last) throw new RangeError('A batch has at least one event.');
  const path = previous ? [previous, ...events] : events;
  let distance = 0;
  let max = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    distance += length;
    max = Math.max(max, speed(length, b.t - a.t));
  }
  return {
    distance,
    t_start: first.t,
    t_end: last.t,
    avg_velocity: speed(distance, last.t - path[0]!.t),
    max_velocity: max,
  };
};
