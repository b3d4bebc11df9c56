// POST /formulas: validate and canonicalise (contract), one conditional Put keyed by the fingerprint,
// 202 with a Location, or 409 naming the formula that already has this make-up.
import { randomUUID } from 'node:crypto';
import { ConflictError } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { parseOrThrow } from '#shared/http/validation.ts';
import { idempotencyKeyHeader, submitContract } from '../contracts.ts';
import { newFormula } from '../domain/formula.ts';
import type { FormulaInput } from '../domain/formula-input.ts';
import { idempotentOutcome, type Outcome } from '../idempotency.ts';
import { insertFormula } from '../store.ts';

const submit = idempotentOutcome(async (input: FormulaInput): Promise<Outcome> => {
  const formula = newFormula(input, randomUUID(), new Date());
  const result = await insertFormula(formula);
  if (!result.created) {
    throw new ConflictError('A formula with the same materials and concentrations already exists.', 'duplicate_formula', {
      id: result.existingId,
    });
  }
  return { statusCode: 202, body: formula, headers: { location: `/formulas/${formula.id}` } };
});

export const handler = httpHandler(submitContract, async ({ body, event, context }) => {
  const key = parseOrThrow(idempotencyKeyHeader, event.headers['idempotency-key'], 'header.Idempotency-Key');
  return submit(key, body, context);
});
