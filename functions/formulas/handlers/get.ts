import { NotFoundError } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { getContract } from '../contracts.ts';
import { getFormula } from '../store.ts';

export const handler = httpHandler(getContract, async ({ params }) => {
  const formula = await getFormula(params.id);
  if (!formula) throw new NotFoundError(`No formula with id '${params.id}'.`, 'formula_not_found');
  return formula;
});
