import * as z from '#model/zod.ts';
import type { RouteContract } from '#model/manifest.ts';
import { pageOf, pageQuery } from '#shared/pagination.ts';
import { intParam } from '#shared/params.ts';
import { JOB_STATUS, LIMITS, RESULT_STATUS, WAITING_FOR } from './constants.ts';
import { cityResult } from './domain/city-result.ts';
import { cityWeather, historyEntry } from './domain/history-entry.ts';

const tags = ['weather'];

export const getWeatherContract = {
  auth: 'public',
  summary: 'Current weather for a city (cached for 15 minutes); the lookup is added to the history',
  tags,
  query: z.object({ city: z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.cityLength)) }),
  responses: { 200: cityWeather },
} satisfies RouteContract;

export const listHistoryContract = {
  auth: 'public',
  summary: 'Weather lookups, newest first',
  tags,
  query: pageQuery,
  responses: { 200: pageOf(historyEntry) },
} satisfies RouteContract;

export const clearHistoryContract = {
  // Everyone's history at once, irreversibly: an operator's action, not a visitor's.
  auth: 'api-key',
  summary: 'Clears the history in one request, whatever its size',
  tags,
  responses: { 204: z.undefined() },
} satisfies RouteContract;

export const healthzContract = {
  auth: 'public',
  summary: 'Liveness: the process answers',
  tags,
  responses: { 200: z.object({ status: z.literal('ok') }) },
} satisfies RouteContract;

export const readyzContract = {
  auth: 'public',
  summary: 'Readiness: DynamoDB and SQS are reachable',
  tags,
  responses: { 200: z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.literal('ok')) }) },
} satisfies RouteContract;

const quotaWarning = z.optional(
  z.string().check(z.describe("Set when the job's cities need more provider calls than a day of the quota allows")),
);

const jobCreated = z.object({ job_id: z.uuid(), status: z.enum(JOB_STATUS), object_key: z.string() });

export const bulkImportContract = {
  auth: 'api-key',
  summary: 'Imports a CSV of cities (text/csv or multipart/form-data, small files) as a background job',
  tags,
  // No body schema: the body is CSV or multipart, read by the handler (shared/http/file-body.ts).
  // The CSV's rows are counted at once: a job too big for a day of the provider's quota says so here.
  responses: { 202: z.extend(jobCreated, { quota_warning: quotaWarning }) },
} satisfies RouteContract;

export const bulkUploadContract = {
  auth: 'api-key',
  summary: 'A presigned S3 PUT URL for a large CSV; the job starts when the upload completes',
  tags,
  responses: {
    201: z.extend(jobCreated, {
      upload_url: z.url(),
      method: z.literal('PUT'),
      expires_in: z.int().check(z.describe('Seconds the URL stays valid')),
    }),
  },
} satisfies RouteContract;

const jobParams = z.object({ id: z.uuid() });

const jobView = z.object({
  job_id: z.uuid(),
  status: z.enum(JOB_STATUS),
  total: z.nullable(z.int()).check(z.describe('Distinct valid cities; null until the file has been read')),
  processed: z.int(),
  succeeded: z.int(),
  failed: z.int(),
  rejected_rows: z.int(),
  created_at: z.string(),
  started_at: z.nullable(z.string()),
  finished_at: z.nullable(z.string()),
  error: z.optional(z.string()),
  waiting_for: z
    .nullable(z.enum(WAITING_FOR))
    .check(
      z.describe("Why a running job pauses: the provider's quota has no turn for it soon, or the provider is down"),
    ),
  estimated_finish_at: z
    .nullable(z.string())
    .check(z.describe("ISO-8601 UTC, from the job's pace and the quota's free turns; null until the file is read")),
  quota_warning: quotaWarning,
});

/** The API's view of a job (app/jobs.ts builds it from the stored item). */
export type JobView = z.output<typeof jobView>;

export const getJobContract = {
  auth: 'api-key',
  summary: 'A bulk job: status and counters',
  tags,
  params: jobParams,
  responses: { 200: jobView },
} satisfies RouteContract;

export const listResultsContract = {
  auth: 'api-key',
  summary: "A bulk job's per-city results, by city",
  tags,
  params: jobParams,
  query: z.extend(pageQuery, { status: z.optional(z.enum(RESULT_STATUS)) }),
  responses: { 200: pageOf(cityResult) },
} satisfies RouteContract;

export const jobSummaryContract = {
  auth: 'api-key',
  summary: 'A bulk job at a glance: most recently refreshed cities, failures by error, rejected rows',
  tags,
  params: jobParams,
  query: z.object({ top: z._default(intParam(1, LIMITS.summaryTop), 10) }),
  responses: {
    200: z.object({
      job: jobView,
      recent: z.array(cityResult),
      failures_by_error: z.record(z.string(), z.int()),
      rejected_examples: z.array(z.object({ line: z.int(), reason: z.string(), raw: z.string() })),
    }),
  },
} satisfies RouteContract;
