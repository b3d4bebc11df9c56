// Shared plumbing of the sandbox conformance suites: the probe log and message sending.
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Sandbox } from '#local/index.ts';

export interface ProbeEntry {
  readonly deliveries: number;
  readonly history: unknown[];
  readonly payload: string;
}

export const probeEntry = async (sandbox: Sandbox, id: string): Promise<ProbeEntry | undefined> => {
  const { Item } = await sandbox.clients.dynamo.send(
    new GetCommand({ TableName: sandbox.tableName('probe-log'), Key: { id } }),
  );
  return Item as ProbeEntry | undefined;
};

/** Sends probe messages (see tests/fixtures/conformance/handlers/sqs-probe.ts) in batches of ten. */
export const sendProbes = async (
  sandbox: Sandbox,
  queue: string,
  bodies: readonly object[],
  group?: string,
): Promise<void> => {
  for (let i = 0; i < bodies.length; i += 10) {
    await sandbox.clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: sandbox.queueUrl(queue),
        Entries: bodies.slice(i, i + 10).map((body, j) => ({
          Id: String(j),
          MessageBody: JSON.stringify(body),
          ...(group ? { MessageGroupId: group, MessageDeduplicationId: `${group}-${i + j}-${Date.now()}` } : {}),
        })),
      }),
    );
  }
};

export const uniqueId = (prefix: string): string => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
