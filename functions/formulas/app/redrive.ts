import type { DeadLetterQueue } from '../store/index.ts';

export interface RedriveResult {
  readonly moved: number;
  readonly failed: number;
}

/**
 * Receive from the DLQ, send to the queue, delete from the DLQ — at most `max` messages, ten at a time,
 * until the DLQ answers empty. Send-then-delete is at-least-once: a crash in between leaves a copy in
 * the DLQ, which the processor's conditional transition makes harmless.
 */
export const redrive = async ({ dlq }: { dlq: DeadLetterQueue }, max: number): Promise<RedriveResult> => {
  let moved = 0;
  let failed = 0;
  while (moved + failed < max) {
    const messages = await dlq.receive(Math.min(10, max - moved - failed));
    if (messages.length === 0) break;
    const sent = await dlq.sendBack(messages);
    await dlq.remove(sent);
    moved += sent.length;
    failed += messages.length - sent.length;
  }
  return { moved, failed };
};
