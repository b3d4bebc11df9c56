import { httpHandler } from '#shared/http/handler.ts';
import { getFormula } from '../app/get.ts';
import { getContract } from '../contracts.ts';
import { formulaReaderDeps } from './deps.ts';

export const handler = httpHandler(getContract, async ({ params }) => getFormula(formulaReaderDeps(), params.id));
