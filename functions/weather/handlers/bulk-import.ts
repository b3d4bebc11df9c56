// `POST /bulk/import`: stores the CSV under the notified prefix; the bucket notification starts the job.
import { correlationId } from '#shared/correlation.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { respond } from '#shared/http/response.ts';
import { importCsv } from '../app/new-job.ts';
import { bulkImportContract } from '../contracts.ts';
import { importedCsv } from '../domain/import-body.ts';
import { JOBS_TABLE } from '../constants.ts';
import { importsBucket } from '../store/imports.ts';
import { bulkQuota, readProviderConfig } from '../store/provider/config.ts';
import { jobIntake } from '../store/jobs.ts';
import { importsBucketConfig, table } from './deps.ts';

const deps = lazy(() => ({
  jobs: jobIntake(table(JOBS_TABLE)),
  imports: importsBucket(importsBucketConfig()),
  quota: bulkQuota(readProviderConfig()),
}));

export const handler = httpHandler(bulkImportContract, async ({ event }) => {
  const job = await importCsv(deps(), await importedCsv(event), correlationId());
  return respond(202, job, { location: `/bulk/jobs/${job.job_id}` });
});
