// An SQS event source mapping: receives batches (batch size or batching window, whichever comes
// first), invokes the function with Lambda's SQS event, deletes what succeeded and leaves failures to
// reappear after the visibility timeout; the queue's redrive policy moves them to the DLQ.
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord, SQSMessageAttributes } from 'aws-lambda';
import type { QueueTrigger } from '#model/manifest.ts';
import type { Invoker } from '../invoker.ts';
import type { QueueInfo } from '../resources.ts';
import { nothingToRead, type EventSource } from './event-source.ts';

const LONG_POLL_SECONDS = 1;

const toLambdaAttributes = (attrs: Record<string, MessageAttributeValue> | undefined): SQSMessageAttributes =>
  Object.fromEntries(
    Object.entries(attrs ?? {}).map(([name, v]) => [
      name,
      {
        dataType: v.DataType ?? 'String',
        ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
        ...(v.BinaryValue !== undefined ? { binaryValue: Buffer.from(v.BinaryValue).toString('base64') } : {}),
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  );

export const toSqsRecord = (message: Message, queue: QueueInfo, region: string): SQSRecord => ({
  messageId: message.MessageId!,
  receiptHandle: message.ReceiptHandle!,
  body: message.Body ?? '',
  // SQS system attributes arrive as strings, ApproximateReceiveCount included.
  attributes: message.Attributes as unknown as SQSRecord['attributes'],
  messageAttributes: toLambdaAttributes(message.MessageAttributes),
  md5OfBody: message.MD5OfBody ?? '',
  ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
  eventSource: 'aws:sqs',
  eventSourceARN: queue.arn,
  awsRegion: region,
});

export class SqsPoller implements EventSource {
  private running = true;
  private readonly loops: Promise<void>[] = [];
  private readonly abort = new AbortController();
  /** Batches received and not yet settled (invoking or deleting). */
  private holding = 0;

  constructor(
    private readonly trigger: QueueTrigger,
    private readonly queue: QueueInfo,
    private readonly sqs: SQSClient,
    private readonly invoker: Invoker,
    private readonly region: string,
    /** The mapping's MaximumConcurrency: batches in flight at once (the concurrency budget's ceiling). */
    private readonly concurrency: number,
  ) {}

  get busy(): boolean {
    return this.holding > 0;
  }

  async start(): Promise<void> {
    for (let i = 0; i < this.concurrency; i++) this.loops.push(this.loop());
  }

  /** Takes no new batches; what is running finishes (or fails when the environments go). */
  halt(): void {
    this.running = false;
    this.abort.abort();
  }

  async stop(): Promise<void> {
    this.halt();
    await Promise.allSettled(this.loops);
  }

  /** What waits in the queue is for idle() to count: a poller holds only what `busy` says. */
  readonly checkpoint = nothingToRead;

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        const batch = await this.collect();
        if (batch.length === 0) continue;
        try {
          await this.deliver(batch);
        } finally {
          this.holding--;
        }
      } catch (error) {
        if (!this.running) return;
        console.error(`[sandbox] ${this.queue.def.name} poller:`, (error as Error).message);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private receive(max: number, waitSeconds: number): Promise<Message[]> {
    return this.sqs
      .send(
        new ReceiveMessageCommand({
          QueueUrl: this.queue.url,
          MaxNumberOfMessages: Math.min(10, max),
          WaitTimeSeconds: waitSeconds,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: this.abort.signal },
      )
      .then((r) => r.Messages ?? []);
  }

  /** One batch: up to batchSize messages, waiting at most the batching window once the first arrives. */
  private async collect(): Promise<Message[]> {
    const first = await this.receive(this.trigger.batchSize, LONG_POLL_SECONDS);
    if (first.length === 0) return [];
    this.holding++;
    const batch = [...first];
    const windowEnds = Date.now() + (this.trigger.maxBatchingWindowSeconds ?? 0) * 1000;
    try {
      while (this.running && batch.length < this.trigger.batchSize && Date.now() < windowEnds) {
        const wait = Math.min(LONG_POLL_SECONDS, Math.ceil((windowEnds - Date.now()) / 1000));
        batch.push(...(await this.receive(this.trigger.batchSize - batch.length, wait)));
      }
    } catch {
      // A failed top-up receive still delivers what was collected.
    }
    return batch;
  }

  private async deliver(messages: Message[]): Promise<void> {
    const records = messages.map((m) => toSqsRecord(m, this.queue, this.region));
    const result = await this.invoker.invokeBatch({
      fn: this.trigger.function,
      source: 'sqs',
      origin: this.queue.def.name,
      records,
      idOf: (r) => r.messageId,
      toEvent: (rs) => ({ Records: rs }),
      reportBatchItemFailures: this.trigger.reportBatchItemFailures,
    });
    if (result.failed === 'all') return; // everything reappears after the visibility timeout
    const done = records.filter((r) => !result.failed.has(r.messageId));
    for (let i = 0; i < done.length; i += 10) {
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queue.url,
          Entries: done.slice(i, i + 10).map((r, j) => ({ Id: String(j), ReceiptHandle: r.receiptHandle })),
        }),
      );
    }
  }
}
