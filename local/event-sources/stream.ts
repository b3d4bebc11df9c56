// A DynamoDB Streams event source mapping, read from DynamoDB Local's own stream API: shards in order
// (a child only after its parent), batches per shard, a failed batch retried in place until
// `retryAttempts` (optionally bisected), `batchItemFailures` checkpointing at the lowest failed record.
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamTrigger } from '#model/manifest.ts';
import type { Invoker } from '../invoker.ts';
import type { EventSource } from './event-source.ts';
import type { StreamPositions } from './stream-positions.ts';

const IDLE_POLL_MS = 100;
// DynamoDB Local opens a table's first shard with its first write: look for new shards often.
const DISCOVERY_MS = 200;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** JSON shape of attribute values as Lambda delivers them: binary as base64, everything else as is. */
const toJson = (value: unknown): unknown => {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toJson(v)]),
    );
  }
  return value;
};

export const toStreamRecord = (record: _Record, streamArn: string, region: string): DynamoDBRecord => {
  const d = record.dynamodb!;
  return {
    eventID: record.eventID!,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb: toJson({
      // Lambda sends epoch seconds; the SDK parsed them into a Date.
      ApproximateCreationDateTime: d.ApproximateCreationDateTime
        ? Math.floor(d.ApproximateCreationDateTime.getTime() / 1000)
        : undefined,
      Keys: d.Keys,
      NewImage: d.NewImage,
      OldImage: d.OldImage,
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    }) as DynamoDBRecord['dynamodb'],
  };
};

interface ShardState {
  iterator: string | undefined;
  /** Fetches that found nothing new: idle() waits for one that started after things went quiet. */
  emptyPolls: number;
  /** The last record fetched, to resume after an iterator is refused. */
  lastSequence?: string;
  pending: DynamoDBRecord[];
  firstPendingAt: number;
  finished: boolean;
}

export class StreamPoller implements EventSource {
  private running = true;
  private readonly shards = new Map<string, ShardState>();
  private readonly loops: Promise<void>[] = [];
  private discovery: Promise<void> | undefined;
  private invoking = 0;
  private discoveries = 0;
  /** Records dropped after exhausting their retries (Lambda's on-failure destination would get these). */
  readonly discarded: DynamoDBRecord[] = [];

  constructor(
    private readonly trigger: StreamTrigger,
    private readonly streamArn: string,
    private readonly streams: DynamoDBStreamsClient,
    private readonly invoker: Invoker,
    private readonly region: string,
    private readonly positions: StreamPositions,
  ) {}

  /** This mapping's key in the positions: a table created anew has a new stream, read from its start. */
  private get mapping(): string {
    return `${this.trigger.function} ${this.streamArn}`;
  }

  /** True while records are buffered or a batch is being delivered. */
  get busy(): boolean {
    return this.invoking > 0 || [...this.shards.values()].some((s) => s.pending.length > 0);
  }

  /**
   * Passes once shard discovery and every open shard's fetches that found nothing new have each moved
   * on by two since: everything written before the checkpoint has then been fetched.
   */
  checkpoint(): () => boolean {
    const marks = this.progress();
    return () => [...this.progress()].every(([key, count]) => count >= (marks.get(key) ?? 0) + 2);
  }

  /** Progress counters: shard discoveries and, per open shard, fetches that found nothing new. */
  private progress(): Map<string, number> {
    const marks = new Map([['discovery', this.discoveries]]);
    for (const [id, s] of this.shards) if (!s.finished) marks.set(id, s.emptyPolls);
    return marks;
  }

  async start(): Promise<void> {
    await this.discover(this.trigger.startingPosition);
    this.discovery = (async () => {
      while (this.running) {
        await sleep(DISCOVERY_MS);
        if (this.running) await this.discover('TRIM_HORIZON').catch(() => undefined);
      }
    })();
  }

  /** Takes no new batches and stops retrying; what is running finishes (or fails when the environments go). */
  halt(): void {
    this.running = false;
  }

  async stop(): Promise<void> {
    this.halt();
    await Promise.allSettled([...this.loops, this.discovery]);
  }

  private async discover(position: 'TRIM_HORIZON' | 'LATEST'): Promise<void> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    for (const shard of shards) {
      const id = shard.ShardId!;
      if (this.shards.has(id)) continue;
      const state: ShardState = { iterator: undefined, emptyPolls: 0, pending: [], firstPendingAt: 0, finished: false };
      this.shards.set(id, state);
      this.loops.push(this.runShard(id, shard.ParentShardId, state, position));
    }
    this.discoveries++;
  }

  private async runShard(
    id: string,
    parent: string | undefined,
    state: ShardState,
    position: 'TRIM_HORIZON' | 'LATEST',
  ): Promise<void> {
    // Order across a shard split: the parent's records all go first.
    while (this.running && parent && this.shards.has(parent) && !this.shards.get(parent)!.finished)
      await sleep(IDLE_POLL_MS);
    // A shard this mapping has read before (a persisted sandbox's earlier run): after its last settled record.
    state.lastSequence = this.positions.get(this.mapping, id);
    state.iterator = await this.iterator(id, position, state.lastSequence).catch((error: Error) => {
      // Its records have aged out of the stream (24 h) since: from the oldest one left.
      if (error.name !== 'TrimmedDataAccessException' || !state.lastSequence) throw error;
      return this.iterator(id, 'TRIM_HORIZON');
    });
    const windowMs = (this.trigger.maxBatchingWindowSeconds ?? 0) * 1000;
    while (this.running) {
      try {
        if (state.iterator && state.pending.length < this.trigger.batchSize) await this.fetch(id, state);
        if (state.pending.length === 0) {
          if (!state.iterator) break; // closed and drained
          await sleep(IDLE_POLL_MS);
          continue;
        }
        const windowOpen = Date.now() - state.firstPendingAt < windowMs;
        if (state.pending.length < this.trigger.batchSize && windowOpen) {
          await sleep(Math.min(IDLE_POLL_MS, windowMs));
          continue;
        }
        const batch = state.pending.slice(0, this.trigger.batchSize);
        if (!(await this.deliver(batch, 0))) continue; // stopping: the batch stays unsettled
        this.positions.set(this.mapping, id, batch.at(-1)!.dynamodb!.SequenceNumber!);
        state.pending = state.pending.slice(batch.length);
        state.firstPendingAt = Date.now();
      } catch (error) {
        if (!this.running) break;
        console.error(`[sandbox] ${this.trigger.source.table} stream poller:`, (error as Error).message);
        await sleep(500);
      }
    }
    state.finished = true;
  }

  private async iterator(
    shardId: string,
    position: 'TRIM_HORIZON' | 'LATEST',
    after?: string,
  ): Promise<string | undefined> {
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: position }),
      }),
    );
    return ShardIterator;
  }

  private async fetch(shardId: string, state: ShardState): Promise<void> {
    const response = await this.streams
      .send(
        new GetRecordsCommand({
          ShardIterator: state.iterator,
          Limit: Math.min(1000, this.trigger.batchSize - state.pending.length),
        }),
      )
      .catch(async (error: Error) => {
        // DynamoDB Local refuses iterators that sat on an empty shard (as AWS does once they expire): take a new one.
        if (error.name !== 'TrimmedDataAccessException' && error.name !== 'ExpiredIteratorException') throw error;
        state.iterator = await this.iterator(shardId, 'TRIM_HORIZON', state.lastSequence);
        return { Records: [], NextShardIterator: state.iterator };
      });
    const records = (response.Records ?? []).map((r) => toStreamRecord(r, this.streamArn, this.region));
    if (records.length === 0) state.emptyPolls++;
    else state.lastSequence = records.at(-1)!.dynamodb!.SequenceNumber;
    if (records.length > 0 && state.pending.length === 0) state.firstPendingAt = Date.now();
    state.pending.push(...records);
    state.iterator = response.NextShardIterator;
  }

  /**
   * Delivers one batch until it succeeds or runs out of retries; never skips ahead on failure. False
   * when the sandbox stopped first: the batch is then not settled.
   */
  private async deliver(batch: DynamoDBRecord[], attemptsSoFar: number): Promise<boolean> {
    let records = batch;
    let attempts = attemptsSoFar;
    for (;;) {
      this.invoking++;
      const result = await this.invoker
        .invokeBatch({
          fn: this.trigger.function,
          source: 'dynamodb-stream',
          origin: this.trigger.source.table,
          records,
          idOf: (r) => r.dynamodb!.SequenceNumber!,
          toEvent: (rs) => ({ Records: rs }),
          reportBatchItemFailures: this.trigger.reportBatchItemFailures,
        })
        .finally(() => this.invoking--);
      if (result.failed !== 'all' && result.failed.size === 0) return true;
      if (!this.running) return false; // stopping: the records stay in the stream
      attempts++;
      const exhausted = this.trigger.retryAttempts >= 0 && attempts > this.trigger.retryAttempts;
      if (result.failed === 'all') {
        if (this.trigger.bisectBatchOnError && records.length > 1 && !exhausted) {
          const half = Math.ceil(records.length / 2);
          return (await this.deliver(records.slice(0, half), attempts)) && this.deliver(records.slice(half), attempts);
        }
      } else {
        // Checkpoint: everything before the lowest failed record counts as processed.
        const failed = result.failed;
        records = records.slice(records.findIndex((r) => failed.has(r.dynamodb!.SequenceNumber!)));
      }
      if (exhausted) {
        this.discarded.push(...records);
        console.error(
          `[sandbox] ${this.trigger.function}: ${records.length} stream record(s) discarded after ${attempts} attempts`,
        );
        return true;
      }
      await sleep(Math.min(1000, 50 * 2 ** attempts)); // Lambda backs off between stream retries
    }
  }
}
