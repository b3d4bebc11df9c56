import { describe, expect, it } from 'vitest';
import { measure, type Point } from '#functions/mouse/domain/motion.ts';

/** n points along a straight line from the origin, `step` px and `dt` ms apart, starting at t0. */
const line = (n: number, step: number, dt: number, t0 = 1_000): Point[] =>
  Array.from({ length: n }, (_, i) => ({ x: (i * step * 3) / 5, y: (i * step * 4) / 5, t: t0 + i * dt }));

describe('Function: measure()', () => {
  it('gives distance, average and max velocity of a straight line at constant speed', () => {
    // 11 points 5 px apart every 10 ms: 50 px in 100 ms = 500 px/s.
    const motion = measure(undefined, line(11, 5, 10));

    expect(motion.distance).toBeCloseTo(50, 12);
    expect(motion.avg_velocity).toBeCloseTo(500, 9);
    expect(motion.max_velocity).toBeCloseTo(500, 9);
    expect([motion.t_start, motion.t_end]).toEqual([1_000, 1_100]);
  });

  it('joins the previous batch’s last point to the first event', () => {
    const previous = { x: 0, y: 0, t: 900 };

    const motion = measure(previous, [{ x: 30, y: 40, t: 1_000 }]);

    expect(motion.distance).toBe(50);
    expect(motion.avg_velocity).toBe(500);
    expect(motion.max_velocity).toBe(500);
    expect(motion.t_start).toBe(1_000);
  });

  it('counts the distance of a dt = 0 segment but gives it no velocity', () => {
    const events = [
      { x: 0, y: 0, t: 1_000 },
      { x: 3, y: 4, t: 1_000 },
      { x: 6, y: 8, t: 1_010 },
    ];

    const motion = measure(undefined, events);

    expect(motion.distance).toBe(10);
    expect(motion.max_velocity).toBe(500);
    expect(motion.avg_velocity).toBe(1_000);
  });

  it('gives zero velocities, not Infinity or NaN, when no time passes at all', () => {
    const motion = measure(undefined, [
      { x: 0, y: 0, t: 5 },
      { x: 3, y: 4, t: 5 },
    ]);

    expect(motion).toEqual({ distance: 5, t_start: 5, t_end: 5, avg_velocity: 0, max_velocity: 0 });
  });

  it('treats a single event as no movement', () => {
    expect(measure(undefined, [{ x: 7, y: 9, t: 42 }])).toEqual({
      distance: 0,
      t_start: 42,
      t_end: 42,
      avg_velocity: 0,
      max_velocity: 0,
    });
  });

  it('gives a backwards step in time between batches distance but no velocity', () => {
    const motion = measure({ x: 0, y: 0, t: 2_000 }, [{ x: 3, y: 4, t: 1_000 }]);

    expect(motion).toMatchObject({ distance: 5, avg_velocity: 0, max_velocity: 0 });
  });

  it('refuses an empty batch', () => {
    expect(() => measure(undefined, [])).toThrow(RangeError);
  });

  it('matches the analytic length of a long diagonal within 1e-9', () => {
    const events = Array.from({ length: 5_000 }, (_, i) => ({ x: i, y: i, t: i }));

    expect(Math.abs(measure(undefined, events).distance - 4_999 * Math.SQRT2)).toBeLessThan(1e-9);
  });
});
