// The session queue's records, settled: a FIFO event holds up to ten records, in order within each session's
// message group; a session's records are settled together (one plan, usually one transaction), sessions
// in parallel. FIFO semantics on failure: a record that cannot be read fails with every later record
// of its session (retried after it, in order); a session whose settling fails fails all its records;
// other sessions carry on. A record that keeps failing goes to the DLQ after the queue's maxReceiveCount.
// (Powertools' FIFO processor works record by record, so it cannot commit a session's records together.)
// Sessions settle in parallel, so their lines name their records' correlation ids (`correlation_ids`).
import type { SQSRecord } from 'aws-lambda';
import * as z from '#model/zod.ts';
import { correlationOfMessage } from '#shared/correlation.ts';
import { jsonText } from '#shared/json-text.ts';
import { logger } from '#shared/logger.ts';
import { batchMessage, gapCheckMessage } from '../domain/messages.ts';
import type { Arrival } from '../domain/reorder.ts';
import { type AggregateDeps, aggregateSession } from './aggregate.ts';

/** A record body of the session queue: a batch or a forwarded gap check. */
const messageBody = jsonText(z.union([gapCheckMessage, batchMessage]));

const groupsOf = (records: readonly SQSRecord[]): SQSRecord[][] => {
  const groups = new Map<string, SQSRecord[]>();
  for (const record of records) {
    const group = record.attributes.MessageGroupId ?? record.messageId;
    groups.set(group, [...(groups.get(group) ?? []), record]);
  }
  return [...groups.values()];
};

/** The ids that find records in the logs: the messages' and the requests' that sent them. */
const idsOf = (records: readonly SQSRecord[]) => ({
  message_ids: records.map((r) => r.messageId),
  correlation_ids: [...new Set(records.flatMap((r) => correlationOfMessage(r) ?? []))],
});

/** Settles one session's records; returns the ids of those that failed. */
const settleGroup = async (deps: AggregateDeps, records: readonly SQSRecord[]): Promise<string[]> => {
  const arrivals: Arrival[] = [];
  let sessionId: string | undefined;
  let unreadable: string | undefined;
  for (const record of records) {
    const parsed = messageBody.safeParse(record.body);
    // A message in a session's group is about that session; anything else is poison.
    if (!parsed.success) {
      unreadable = parsed.error.message;
      break;
    }
    sessionId ??= parsed.data.session_id;
    if (parsed.data.session_id !== sessionId) {
      unreadable = `a message of session ${parsed.data.session_id} in the group of ${sessionId}`;
      break;
    }
    arrivals.push(
      'kind' in parsed.data ? { kind: 'check', at: parsed.data.at } : { kind: 'batch', batch: parsed.data },
    );
  }
  const unread = records.slice(arrivals.length);
  // The first is unreadable; those after it wait for it, in order.
  if (unread.length > 0)
    logger.error('unreadable session message; it and the rest of its group are retried', {
      reason: unreadable,
      ...idsOf(unread),
    });
  const failed = unread.map((r) => r.messageId);
  if (!sessionId || arrivals.length === 0) return failed;
  const settling = records.slice(0, arrivals.length);
  try {
    const state = await aggregateSession(deps, sessionId, arrivals, new Date().toISOString());
    logger.info('session settled', {
      session_id: sessionId,
      messages: arrivals.length,
      last_seq: state.last_seq,
      pending: state.pending.length,
      ...idsOf(settling),
    });
    return failed;
  } catch (error) {
    logger.error('session not settled; its messages are retried', { session_id: sessionId, error, ...idsOf(records) });
    return records.map((r) => r.messageId);
  }
};

/** Settles an event's records, grouped by session, sessions in parallel; returns the ids of those that failed. */
export const settleRecords = async (deps: AggregateDeps, records: readonly SQSRecord[]): Promise<string[]> =>
  (await Promise.all(groupsOf(records).map((group) => settleGroup(deps, group)))).flat();
