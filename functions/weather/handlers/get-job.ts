import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { getJob } from '../app/jobs.ts';
import { getJobContract } from '../contracts.ts';
import { JOBS_TABLE } from '../constants.ts';
import { jobReader } from '../store/jobs.ts';
import { table } from './deps.ts';
import { quotaDeps } from './quota.ts';

const deps = lazy(() => ({ jobs: jobReader(table(JOBS_TABLE)), ...quotaDeps() }));

export const handler = httpHandler(getJobContract, async ({ params }) => getJob(deps(), params.id));
