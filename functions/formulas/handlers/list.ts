import { httpHandler } from '#shared/http/handler.ts';
import { listContract } from '../contracts.ts';
import { formulaListerDeps } from './deps.ts';

export const handler = httpHandler(listContract, async ({ query }) =>
  formulaListerDeps().store.listFormulas(query.limit, query.cursor),
);
