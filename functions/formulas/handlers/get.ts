import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { getFormula } from '../app/get.ts';
import { getContract } from '../contracts.ts';
import { formulaReader } from '../store/index.ts';
import { formulasTable } from './deps.ts';

const deps = lazy(() => ({ store: formulaReader(formulasTable()) }));

export const handler = httpHandler(getContract, async ({ params }) => getFormula(deps(), params.id));
