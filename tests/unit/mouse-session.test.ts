import { describe, expect, it } from 'vitest';
import { advance, countLate, hold, newSession, pass, totalsOf, type Batch } from '#functions/mouse/domain/session.ts';

const batch = (seq: number, events: Batch['events']): Batch => ({
  session_id: 's1',
  seq,
  events,
  received_at: '2026-11-23T10:00:00.000Z',
});
const fresh = newSession('s1', '2026-11-23T10:00:00.000Z');

describe('Function: advance()', () => {
  it('starts a session from its first batch', () => {
    const { state, point } = advance(
      fresh,
      batch(0, [
        { x: 0, y: 0, t: 0 },
        { x: 3, y: 4, t: 10 },
      ]),
      '2026-11-23T10:00:01.000Z',
    );

    expect(state).toEqual({
      session_id: 's1',
      started_at: '2026-11-23T10:00:00.000Z',
      updated_at: '2026-11-23T10:00:01.000Z',
      version: 0,
      last_seq: 0,
      last_point: { x: 3, y: 4, t: 10 },
      t_first: 0,
      distance: 5,
      events: 2,
      batches: 1,
      skipped_batches: 0,
      late_batches: 0,
      max_velocity: 500,
      pending: [],
    });
    expect(point).toEqual({
      seq: 0,
      t_start: 0,
      t_end: 10,
      events: 2,
      distance: 5,
      cumulative_distance: 5,
      avg_velocity: 500,
      max_velocity: 500,
    });
  });

  it('joins batches and accumulates distance, events and max velocity', () => {
    const first = advance(
      fresh,
      batch(0, [
        { x: 0, y: 0, t: 0 },
        { x: 3, y: 4, t: 10 },
      ]),
      'now',
    );

    const { state, point } = advance(first.state, batch(1, [{ x: 6, y: 8, t: 15 }]), 'later');

    expect(point).toMatchObject({
      seq: 1,
      distance: 5,
      cumulative_distance: 10,
      max_velocity: 1_000,
      avg_velocity: 1_000,
    });
    expect(state).toMatchObject({
      last_seq: 1,
      distance: 10,
      events: 3,
      batches: 2,
      max_velocity: 1_000,
      started_at: first.state.started_at,
    });
  });

  it('takes an applied batch out of pending', () => {
    const waiting = hold(hold(fresh, batch(2, [{ x: 0, y: 0, t: 2 }]), 'now'), batch(1, [{ x: 0, y: 0, t: 1 }]), 'now');

    expect(waiting.pending.map((p) => p.seq)).toEqual([1, 2]);
    expect(
      advance(pass(waiting, 0, 0, 'now'), batch(1, [{ x: 0, y: 0, t: 1 }]), 'now').state.pending.map((p) => p.seq),
    ).toEqual([2]);
  });
});

describe('Function: pass() and countLate()', () => {
  it('moves last_seq over a gap and counts what was passed and what came late', () => {
    const passed = pass(fresh, 4, 3, 'now');

    expect(passed).toMatchObject({ last_seq: 4, skipped_batches: 3 });
    expect(countLate(countLate(passed, 'now'), 'now').late_batches).toBe(2);
  });
});

describe('Function: totalsOf()', () => {
  it('derives duration and average velocity from the first and last event', () => {
    const { state } = advance(
      fresh,
      batch(0, [
        { x: 0, y: 0, t: 1_000 },
        { x: 30, y: 40, t: 1_250 },
      ]),
      'now',
    );

    expect(totalsOf(state)).toMatchObject({
      distance: 50,
      duration_ms: 250,
      avg_velocity: 200,
      max_velocity: 200,
      events: 2,
    });
  });

  it('gives a session without elapsed time an average velocity of 0', () => {
    const { state } = advance(
      fresh,
      batch(0, [
        { x: 0, y: 0, t: 1_000 },
        { x: 3, y: 4, t: 1_000 },
      ]),
      'now',
    );

    expect(totalsOf(state)).toMatchObject({ distance: 5, duration_ms: 0, avg_velocity: 0 });
  });

  it('shows a session with only pending batches as empty, with its pending count', () => {
    expect(totalsOf(hold(fresh, batch(3, [{ x: 0, y: 0, t: 0 }]), 'now'))).toMatchObject({
      last_seq: -1,
      events: 0,
      duration_ms: 0,
      pending_batches: 1,
      late_batches: 0,
    });
  });
});
