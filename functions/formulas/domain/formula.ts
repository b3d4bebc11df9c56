import { STATUS, type FormulaStatus } from '../constants.ts';
import { fingerprint, type MaterialInput } from './fingerprint.ts';
import { totalConcentration, type FormulaInput } from './formula-input.ts';

export interface Formula {
  readonly id: string;
  readonly fingerprint: string;
  readonly name: string;
  readonly materials: readonly MaterialInput[];
  /** Sum of the concentrations, canonical decimal text. */
  readonly total: string;
  readonly status: FormulaStatus;
  readonly created_at: string;
  readonly processed_at: string | null;
  /** The SQS receive count of the delivery that processed it. */
  readonly delivery_count: number | null;
}

/** A just-submitted formula: queued until the processor picks up its message. */
export const newFormula = (input: FormulaInput, id: string, now: Date): Formula => ({
  id,
  fingerprint: fingerprint(input.materials),
  name: input.name,
  materials: input.materials,
  total: totalConcentration(input),
  status: STATUS.queued,
  created_at: now.toISOString(),
  processed_at: null,
  delivery_count: null,
});
