import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { getJob } from '../app/jobs.ts';
import { getJobContract } from '../contracts/routes.ts';
import { jobReads } from './deps.ts';

const deps = lazy(() => ({ jobs: jobReads() }));

export const handler = httpHandler(getJobContract, async ({ params }) => getJob(deps(), params.id));
