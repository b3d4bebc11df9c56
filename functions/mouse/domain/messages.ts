// What the session FIFO queue carries: a batch as the ingest API received it, or a gap check (due once a
// pending batch has waited the lateness bound) forwarded into the session's group; and the shapes the
// route contracts share with them. Plain zod, so the queue consumers' bundles need nothing of the API's.
import * as z from '#model/zod.ts';
import { LIMITS } from '../constants.ts';

export const sessionId = z.string().check(z.regex(LIMITS.sessionId, 'must be 1-64 letters, digits, - or _'));
// zod rejects NaN and +-Infinity for z.number() (JSON.parse turns 1e999 into Infinity).
const coordinate = z.number().check(z.minimum(-LIMITS.coordinate), z.maximum(LIMITS.coordinate));

export const mouseEvent = z.strictObject({
  x: coordinate.check(z.describe('px')),
  y: coordinate.check(z.describe('px')),
  t: z
    .number()
    .check(z.minimum(0), z.maximum(LIMITS.time), z.describe('Epoch ms (performance.timeOrigin + event time)')),
});

export const batchEvents = z.array(mouseEvent).check(
  z.minLength(1),
  z.maxLength(LIMITS.eventsPerBatch),
  z.superRefine((events, ctx) => {
    events.forEach((event, i) => {
      const before = events[i - 1];
      if (before && event.t < before.t)
        ctx.addIssue({ code: 'custom', path: [i, 't'], message: `must not be before events.${i - 1}.t` });
    });
  }),
);

export const batchMessage = z.object({
  session_id: sessionId,
  seq: z.int().check(z.minimum(0)),
  events: batchEvents,
  received_at: z.iso.datetime(),
});
export type BatchMessage = z.infer<typeof batchMessage>;

/** Pass what is overdue at `at`: sent with a delay to the gap-check queue, then into the session's group. */
export const gapCheckMessage = z.object({
  // A one-value enum rather than z.literal: the same check, whose code every HTTP bundle holds already.
  kind: z.enum(['gap-check']),
  session_id: sessionId,
  at: z.iso.datetime(),
});
export type GapCheckMessage = z.infer<typeof gapCheckMessage>;
