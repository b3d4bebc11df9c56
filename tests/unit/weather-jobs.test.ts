// The job read use cases against in-memory stores: no SDK, no environment.
import { describe, expect, it } from 'vitest';
import { getJob, jobSummary, listJobResults } from '#functions/weather/app/jobs.ts';
import { JobNotFoundError } from '#functions/weather/errors.ts';
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

describe('Function: getJob()', () => {
  it('shows an unknown total and absent times as null, and no error field while there is none', async () => {
    expect(await getJob({ jobs: jobs(queued) }, JOB_ID)).toEqual({
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
    });
  });

  it('leaves out the internals (object key, rejected examples, failures by error)', async () => {
    const failed: JobItem = {
      ...queued,
      status: 'failed',
      finished_at: '2026-11-26T10:02:00.000Z',
      error: 'upload_failed',
    };

    const view = await getJob({ jobs: jobs(failed) }, JOB_ID);

    expect(view).toMatchObject({ status: 'failed', finished_at: '2026-11-26T10:02:00.000Z', error: 'upload_failed' });
    expect(Object.keys(view)).not.toContain('object_key');
    expect(Object.keys(view)).not.toContain('failures_by_error');
  });

  it('throws JobNotFoundError (404 job_not_found) for an unknown job', async () => {
    const error = await getJob({ jobs: jobs() }, JOB_ID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(JobNotFoundError);
    expect(error).toMatchObject({ statusCode: 404, code: 'job_not_found' });
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

    const summary = await jobSummary({ jobs: jobs(running), results }, JOB_ID, 5);

    expect(summary).toMatchObject({
      job: { job_id: JOB_ID, status: 'running' },
      recent: [{ city: 'Lisbon' }],
      failures_by_error: { city_not_found: 2 },
      rejected_examples: [{ line: 3, reason: 'blank_row', raw: '' }],
    });
  });
});
