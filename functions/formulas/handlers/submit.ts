// POST /formulas: validate and canonicalise (contract), one conditional Put keyed by the fingerprint,
// 202 with a Location, or 409 naming the formula that already has this make-up.
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { tableName } from '#shared/config.ts';
import { correlationId } from '#shared/correlation.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { parseOrThrow } from '#shared/http/validation.ts';
import { lazy } from '#shared/lazy.ts';
import { idempotentOutcome } from '../app/idempotency.ts';
import { submitFormula } from '../app/submit.ts';
import { FORMULAS_IDEMPOTENCY_TABLE } from '../constants.ts';
import { idempotencyKeyHeader, submitContract } from '../contracts.ts';
import type { FormulaInput } from '../domain/formula-input.ts';
import { formulaWriter } from '../store/index.ts';
import { formulasTable } from './deps.ts';

// Built once: makeIdempotent binds the submission to the table that keeps its replayable outcomes.
const submit = lazy(() => {
  const deps = { store: formulaWriter(formulasTable()) };
  const outcomes = new DynamoDBPersistenceLayer({ tableName: tableName(FORMULAS_IDEMPOTENCY_TABLE) });
  return idempotentOutcome(outcomes, (input: FormulaInput) => submitFormula(deps, input, correlationId()));
});

export const handler = httpHandler(submitContract, async ({ body, event, context }) => {
  const key = parseOrThrow(idempotencyKeyHeader, event.headers['idempotency-key'], 'header.Idempotency-Key');
  return submit()(key, body, context);
});
