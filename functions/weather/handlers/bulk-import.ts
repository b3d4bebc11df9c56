// `POST /bulk/import`: stores the CSV under the notified prefix; the bucket notification starts the job.
import { correlationId } from '#shared/correlation.ts';
import { fileBody, type FileBodyOptions } from '#shared/http/file-body.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { importCsv } from '../app/new-job.ts';
import { bulkImportContract } from '../contracts.ts';
import { LIMITS } from '../constants.ts';
import { quotaImportDeps } from './quota-deps.ts';

/** The CSV: the body itself, or the file part of a multipart form; a larger file goes up presigned. */
const CSV_FILE: FileBodyOptions = {
  name: 'CSV',
  types: ['text/csv', 'application/csv', 'text/plain'],
  maxBytes: LIMITS.importBytes,
  tooLargeHint: 'Use POST /bulk/uploads for large files.',
};

export const handler = httpHandler(bulkImportContract, async ({ event }) => {
  const job = await importCsv(quotaImportDeps(), await fileBody(event, CSV_FILE), correlationId());
  return respond(202, job, { location: `/bulk/jobs/${job.job_id}` });
});
