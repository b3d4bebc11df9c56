// Bulk jobs (`sk = job`): created queued, moved through their states by conditional updates only.
// Three stores over the one item, by who uses it (so no function bundles the others' writes): the
// API reads jobs and creates them, the pipeline (splitter, workers) moves them on.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CORRELATION_ATTRIBUTE } from '#shared/correlation.ts';
import { isConditionFailure } from '#shared/dynamodb/conditions.ts';
import { addDimensionedMetric, MetricUnit } from '#shared/metrics.ts';
import { JOB_STATUS, METRICS, type JobStatus } from '../constants.ts';
import type { RejectedRow } from '../domain/rejects.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

export const JOB_SK = 'job';

export interface JobItem {
  readonly job_id: string;
  readonly status: JobStatus;
  readonly object_key: string;
  readonly created_at: string;
  readonly started_at?: string;
  readonly finished_at?: string;
  /** Distinct valid cities; absent until the splitter has read the whole file. */
  readonly total?: number;
  readonly processed: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly rejected_rows: number;
  readonly rejected_examples: RejectedRow[];
  readonly failures_by_error: Record<string, number>;
  readonly error?: string;
  /** The id of the request that created the job: the pipeline's log lines carry it. */
  readonly [CORRELATION_ATTRIBUTE]?: string;
}

export interface JobReader {
  get(jobId: string): Promise<JobItem | undefined>;
}

export interface JobIntake {
  create(jobId: string, objectKey: string, now: string, correlationId: string | undefined): Promise<void>;
  /** Fails a job whose upload failed; false when it had already finished. */
  fail(jobId: string, error: string, now: string): Promise<boolean>;
}

/** Each transition answers false when its condition did not hold (already done, or not allowed from the state). */
export interface JobsStore {
  /**
   * queued -> running, answering the job's correlation id. Undefined when the job is unknown, finished,
   * or already split (a redelivery).
   */
  startSplit(jobId: string, now: string): Promise<{ readonly correlationId: string | undefined } | undefined>;
  /** Records what the split found. SET, not ADD: a second split of the same file writes the same numbers. */
  finishSplit(jobId: string, total: number, rejected: number, examples: readonly RejectedRow[]): Promise<boolean>;
  fail(jobId: string, error: string, now: string): Promise<boolean>;
  /**
   * running -> done exactly when every city is settled. Both the splitter (after setting `total`) and
   * the workers (after each batch) call this; the condition lets exactly one of them win.
   */
  finishIfComplete(jobId: string, now: string): Promise<boolean>;
}

/** One conditional transition of a job item: the item after it, or undefined when its condition did not hold. */
const transitionItem = async (
  { db, table }: TableConfig,
  jobId: string,
  update: string,
  condition: string,
  values: Record<string, unknown>,
): Promise<Partial<JobItem> | undefined> => {
  // Reserved words (status, total, processed, error) go through placeholders; DynamoDB refuses unused
  // ones, so each update gets only the names its expressions mention.
  const names = { '#status': 'status', '#total': 'total', '#processed': 'processed', '#error': 'error' };
  const statuses = {
    ':queued': JOB_STATUS.queued,
    ':running': JOB_STATUS.running,
    ':done': JOB_STATUS.done,
    ':failed': JOB_STATUS.failed,
  };
  const used = (placeholder: string) => update.includes(placeholder) || condition.includes(placeholder);
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { job_id: jobId, sk: JOB_SK },
        UpdateExpression: update,
        ConditionExpression: condition,
        ReturnValues: 'ALL_NEW',
        ExpressionAttributeNames: Object.fromEntries(Object.entries(names).filter(([k]) => used(k))),
        ExpressionAttributeValues: Object.fromEntries(
          Object.entries({ ...statuses, ...values }).filter(([k]) => used(k)),
        ),
      }),
    );
    return (Attributes ?? {}) as Partial<JobItem>;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};

const transition = async (...args: Parameters<typeof transitionItem>): Promise<boolean> =>
  (await transitionItem(...args)) !== undefined;

/** Counts a job's end where its transition won, so exactly once. */
const countFinished =
  (outcome: JobStatus) =>
  (won: boolean): boolean => {
    if (won) addDimensionedMetric(METRICS.bulkJobs, MetricUnit.Count, 1, { outcome });
    return won;
  };

const failJob = (config: TableConfig, jobId: string, error: string, now: string): Promise<boolean> =>
  transition(
    config,
    jobId,
    'SET #status = :failed, finished_at = :now, #error = :error',
    '#status IN (:queued, :running)',
    { ':now': now, ':error': error },
  ).then(countFinished(JOB_STATUS.failed));

export const jobReader = ({ db, table }: TableConfig): JobReader => ({
  get: async (jobId) => {
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: { job_id: jobId, sk: JOB_SK } }));
    return Item as JobItem | undefined;
  },
});

export const jobIntake = (config: TableConfig): JobIntake => ({
  create: async (jobId, objectKey, now, correlationId) => {
    const item: JobItem = {
      job_id: jobId,
      status: JOB_STATUS.queued,
      object_key: objectKey,
      created_at: now,
      processed: 0,
      succeeded: 0,
      failed: 0,
      rejected_rows: 0,
      rejected_examples: [],
      // Exists from the start so workers can SET nested counters in it.
      failures_by_error: {},
    };
    await config.db.send(
      new PutCommand({
        TableName: config.table,
        Item: { ...item, sk: JOB_SK, [CORRELATION_ATTRIBUTE]: correlationId },
        ConditionExpression: 'attribute_not_exists(job_id)',
      }),
    );
  },
  fail: (jobId, error, now) => failJob(config, jobId, error, now),
});

export const jobsStore = (config: TableConfig): JobsStore => ({
  startSplit: async (jobId, now) => {
    const job = await transitionItem(
      config,
      jobId,
      'SET #status = :running, started_at = if_not_exists(started_at, :now)',
      // A split that already set `total` is complete: splitting again would only resend work.
      'attribute_exists(job_id) AND attribute_not_exists(#total) AND #status IN (:queued, :running)',
      { ':now': now },
    );
    return job && { correlationId: job[CORRELATION_ATTRIBUTE] };
  },
  finishSplit: (jobId, total, rejected, examples) =>
    transition(
      config,
      jobId,
      'SET #total = :total, rejected_rows = :rejected, rejected_examples = :examples',
      '#status = :running AND attribute_not_exists(#total)',
      { ':total': total, ':rejected': rejected, ':examples': examples },
    ),
  fail: (jobId, error, now) => failJob(config, jobId, error, now),
  finishIfComplete: (jobId, now) =>
    transition(config, jobId, 'SET #status = :done, finished_at = :now', '#status = :running AND #processed = #total', {
      ':now': now,
    }).then(countFinished(JOB_STATUS.done)),
});
