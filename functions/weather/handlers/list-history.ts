import { httpHandler } from '#shared/http/handler.ts';
import { listHistoryContract } from '../contracts.ts';
import { listHistory } from '../store/history.ts';

export const handler = httpHandler(listHistoryContract, async ({ query }) => listHistory(query.limit, query.cursor));
