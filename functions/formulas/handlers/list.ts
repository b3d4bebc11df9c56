import { httpHandler } from '#shared/http/handler.ts';
import { listContract } from '../contracts.ts';
import { listFormulas } from '../store.ts';

export const handler = httpHandler(listContract, async ({ query }) => listFormulas(query.limit, query.cursor));
