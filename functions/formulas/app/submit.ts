import { randomUUID } from 'node:crypto';
import { metrics, MetricUnit } from '#shared/metrics.ts';
import { METRICS } from '../constants.ts';
import { newFormula, type Formula } from '../domain/formula.ts';
import type { FormulaInput } from '../domain/formula-input.ts';
import { DuplicateFormulaError } from '../errors.ts';
import type { FormulaWriter } from '../store/index.ts';

/**
 * Stores a new formula (queued) and returns it, or throws a 409 naming the formula with the same make-up.
 * `correlationId` is stored with it, so the relay and the processor log under the submission's id.
 */
export const submitFormula = async (
  { store }: { store: FormulaWriter },
  input: FormulaInput,
  correlationId: string | undefined,
): Promise<Formula> => {
  const formula = newFormula(input, randomUUID(), new Date());
  const result = await store.insertFormula(formula, correlationId);
  if (!result.created) {
    metrics.addMetric(METRICS.duplicates, MetricUnit.Count, 1);
    throw new DuplicateFormulaError(result.existingId);
  }
  metrics.addMetric(METRICS.submitted, MetricUnit.Count, 1);
  return formula;
};
