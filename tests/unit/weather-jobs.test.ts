// The job read use cases against in-memory stores: no SDK, no environment.
import { describe, expect, it } from 'vitest';
import { getJob, jobSummary, listJobResults } from '#functions/weather/app/jobs.ts';
import { JobNotFoundError } from '#functions/weather/errors.ts';
import type { QuotaState } from '#functions/weather/domain/job-outlook.ts';
import type { JobItem, JobReader, ResultsStore } from '#functions/weather/store/index.ts';

const JOB_ID = '6f1c2a4e-8b3d-4c5e-9f6a-7b8c9d0e1f2a';
const queued: JobItem = {
  job_id: JOB_ID,
  status: 'queued',
  object_key: `imports/${JOB_ID}.csv`,
  created_at: '2026-11-26T10:00:00.000Z',
  processed: 0,
  succeeded: 0,
  failed: 0,
  rejected_rows: 0,
  rejected_examples: [],
  failures_by_error: {},
};

const jobs = (...items: JobItem[]): JobReader => ({ get: async (id) => items.find((j) => j.job_id === id) });
const listed: string[] = [];
const results: ResultsStore = {
  list: async (jobId) => {
    listed.push(jobId);
    return { items: [], next_cursor: null };
  },
  recent: async () => [{ city: 'Lisbon', status: 'succeeded', refreshed_at: '2026-11-26T10:01:00.000Z' }],
};

const IDLE: QuotaState = { tats: {}, holdUntil: 0, circuitOpenUntil: 0 };
/** Open-Meteo's documented limits, 80% of them for bulk imports. */
const OPEN_METEO = {
  limits: [
    { calls: 600, seconds: 60 },
    { calls: 5000, seconds: 3600 },
    { calls: 10_000, seconds: 86_400 },
  ],
  share: 0.8,
};
const reads: string[] = [];
const quotaDeps = (state: QuotaState = IDLE, quota = OPEN_METEO) => ({
  quota,
  quotaState: {
    read: async () => {
      reads.push('quota');
      return state;
    },
  },
});
const withQuota = (items: JobItem[], state?: QuotaState) => ({ jobs: jobs(...items), ...quotaDeps(state) });

describe('Function: getJob()', () => {
  it('shows an unknown total and absent times as null, and no error field while there is none', async () => {
    reads.length = 0;

    expect(await getJob(withQuota([queued]), JOB_ID)).toEqual({
      job_id: JOB_ID,
      status: 'queued',
      total: null,
      processed: 0,
      succeeded: 0,
      failed: 0,
      rejected_rows: 0,
      created_at: '2026-11-26T10:00:00.000Z',
      started_at: null,
      finished_at: null,
      waiting_for: null,
      estimated_finish_at: null,
    });
    // A job that is not running has no outlook: the quota is not read for it.
    expect(reads).toEqual([]);
  });

  it('leaves out the internals (object key, rejected examples, failures by error)', async () => {
    const failed: JobItem = {
      ...queued,
      status: 'failed',
      finished_at: '2026-11-26T10:02:00.000Z',
      error: 'upload_failed',
    };

    const view = await getJob(withQuota([failed]), JOB_ID);

    expect(view).toMatchObject({ status: 'failed', finished_at: '2026-11-26T10:02:00.000Z', error: 'upload_failed' });
    expect(Object.keys(view)).not.toContain('object_key');
    expect(Object.keys(view)).not.toContain('failures_by_error');
  });

  it('throws JobNotFoundError (404 job_not_found) for an unknown job', async () => {
    const error = await getJob(withQuota([]), JOB_ID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(JobNotFoundError);
    expect(error).toMatchObject({ statusCode: 404, code: 'job_not_found' });
  });
});

describe('Function: getJob() of a running job', () => {
  const started = Date.now() - 60_000;
  const running = (total: number, processed: number): JobItem => ({
    ...queued,
    status: 'running',
    started_at: new Date(started).toISOString(),
    total,
    processed,
  });

  it('estimates the finish from its pace while the quota has turns to spare', async () => {
    // 100 of 400 cities in a minute: 300 more take three minutes.
    const view = await getJob(withQuota([running(400, 100)]), JOB_ID);

    const finish = Date.parse(view.estimated_finish_at!);
    expect(finish - Date.now()).toBeGreaterThan(170_000);
    expect(finish - Date.now()).toBeLessThan(190_000);
    expect(view.waiting_for).toBeNull();
    expect(view).not.toHaveProperty('quota_warning');
  });

  it('says it waits for the quota, and finishes no sooner than the quota allows, once the turns are taken', async () => {
    // Bulk turns reserved half an hour ahead in the minute bucket (480 calls a minute for bulk).
    const tats = { '600/60': Date.now() + 30 * 60_000 };

    const view = await getJob(withQuota([running(20_000, 100)], { ...IDLE, tats }), JOB_ID);

    expect(view.waiting_for).toBe('provider_quota');
    // 19,900 calls at 8,000 a day (the day limit's bulk share) take more than two days.
    expect(Date.parse(view.estimated_finish_at!) - Date.now()).toBeGreaterThan(2 * 86_400_000);
    expect(view.quota_warning).toBe(
      "Up to 19,900 cities need up to 19,900 provider calls; the provider's quota leaves imports 8,000 a day, " +
        'so this job takes about 2.5 days.',
    );
  });

  it('says it waits for the provider while the circuit breaker is open', async () => {
    const view = await getJob(
      withQuota([running(400, 100)], { ...IDLE, circuitOpenUntil: Date.now() + 10_000 }),
      JOB_ID,
    );

    expect(view.waiting_for).toBe('provider_outage');
  });

  it('has no estimate before the file is read and nothing is processed, with no limits to go by', async () => {
    const view = await getJob(
      { jobs: jobs({ ...running(0, 0), total: undefined }), ...quotaDeps(IDLE, { limits: [], share: 0.8 }) },
      JOB_ID,
    );

    expect(view).toMatchObject({ total: null, waiting_for: null, estimated_finish_at: null });
  });
});

describe('Function: listJobResults() and jobSummary()', () => {
  it('lists nothing for an unknown job', async () => {
    listed.length = 0;

    await expect(listJobResults({ jobs: jobs(), results }, JOB_ID, { limit: 10 })).rejects.toBeInstanceOf(
      JobNotFoundError,
    );
    expect(listed).toEqual([]);
  });

  it('summarises the job with its recent results, failures by error and rejected examples', async () => {
    const running: JobItem = {
      ...queued,
      status: 'running',
      failures_by_error: { city_not_found: 2 },
      rejected_examples: [{ line: 3, reason: 'blank_row', raw: '' }],
    };

    const summary = await jobSummary({ ...withQuota([running]), results }, JOB_ID, 5);

    expect(summary).toMatchObject({
      job: { job_id: JOB_ID, status: 'running' },
      recent: [{ city: 'Lisbon' }],
      failures_by_error: { city_not_found: 2 },
      rejected_examples: [{ line: 3, reason: 'blank_row', raw: '' }],
    });
  });
});
