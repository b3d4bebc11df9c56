import type { Formula } from '../domain/formula.ts';
import { FormulaNotFoundError } from '../errors.ts';
import type { FormulaReader } from '../store/index.ts';

export const getFormula = async ({ store }: { store: FormulaReader }, id: string): Promise<Formula> => {
  const formula = await store.getFormula(id);
  if (!formula) throw new FormulaNotFoundError(id);
  return formula;
};
