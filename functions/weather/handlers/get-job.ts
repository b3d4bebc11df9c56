import { httpHandler } from '#shared/http/handler.ts';
import { getJobContract } from '../contracts.ts';
import { jobView } from '../store/jobs.ts';
import { requireJob } from '../jobs.ts';

export const handler = httpHandler(getJobContract, async ({ params }) => jobView(await requireJob(params.id)));
