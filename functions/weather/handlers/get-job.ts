import { httpHandler } from '#shared/http/handler.ts';
import { getJob } from '../app/jobs.ts';
import { getJobContract } from '../contracts.ts';
import { jobViewDeps } from './quota-deps.ts';

export const handler = httpHandler(getJobContract, async ({ params }) => getJob(jobViewDeps(), params.id));
