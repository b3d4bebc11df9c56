import { httpHandler } from '#shared/http/handler.ts';
import { statsContract } from '../contracts.ts';
import { listStats } from '../store/stats.ts';

// An unknown (or not yet aggregated) session has no points: an empty page, which is what a chart polls for.
export const handler = httpHandler(statsContract, async ({ params, query }) =>
  listStats(params.sessionId, query.after ?? -1, query.limit, query.cursor),
);
