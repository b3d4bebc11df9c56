import { randomUUID } from 'node:crypto';
import { newFormula } from '../domain/formula.ts';
import type { FormulaInput } from '../domain/formula-input.ts';
import { DuplicateFormulaError } from '../errors.ts';
import type { FormulaWriter } from '../store/index.ts';
import type { Outcome } from './idempotency.ts';

/** Stores a new formula (queued): 202 with its Location, or a 409 naming the formula with the same make-up. */
export const submitFormula = async ({ store }: { store: FormulaWriter }, input: FormulaInput): Promise<Outcome> => {
  const formula = newFormula(input, randomUUID(), new Date());
  const result = await store.insertFormula(formula);
  if (!result.created) throw new DuplicateFormulaError(result.existingId);
  return { statusCode: 202, body: formula, headers: { location: `/formulas/${formula.id}` } };
};
