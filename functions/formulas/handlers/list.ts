import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { listContract } from '../contracts.ts';
import { formulaLister } from '../store/index.ts';
import { formulasTable } from './deps.ts';

const deps = lazy(() => ({ store: formulaLister(formulasTable()) }));

export const handler = httpHandler(listContract, async ({ query }) =>
  deps().store.listFormulas(query.limit, query.cursor),
);
