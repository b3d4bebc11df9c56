import * as z from '#model/zod.ts';
import { STATUS } from '../constants.ts';
import { fingerprint } from './fingerprint.ts';
import { totalConcentration, type FormulaInput } from './formula-input.ts';

/** A formula as stored and as the API returns it: the one schema of the entity. */
export const formula = /* @__PURE__ */ z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum([STATUS.queued, STATUS.processed]),
  materials: z.array(
    z.object({ name: z.string(), concentration: z.string().check(z.describe('Canonical decimal text, e.g. "15.5"')) }),
  ),
  total: z.string().check(z.describe('Sum of the concentrations, canonical decimal text')),
  fingerprint: z.string().check(z.describe('SHA-256 of the canonical make-up')),
  created_at: z.iso.datetime(),
  processed_at: z.nullable(z.iso.datetime()),
  delivery_count: z.nullable(z.int()).check(z.describe('SQS receive count of the delivery that processed it')),
});

export type Formula = z.output<typeof formula>;

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
