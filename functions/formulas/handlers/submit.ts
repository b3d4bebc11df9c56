// POST /formulas: validate and canonicalise (contract), one conditional Put keyed by the fingerprint,
// 202 with a Location, or 409 naming the formula that already has this make-up. An Idempotency-Key
// replays the first outcome (the pipeline's idempotency option).
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { tableName } from '#shared/config.ts';
import { correlationId } from '#shared/correlation.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { idempotentReplay } from '#shared/http/idempotency.ts';
import { respond } from '#shared/http/response.ts';
import { submitFormula } from '../app/submit.ts';
import { FORMULAS_IDEMPOTENCY_TABLE, IDEMPOTENCY_TTL_SECONDS } from '../constants.ts';
import { idempotencyKeyHeader, submitContract } from '../contracts.ts';
import { formulaWriterDeps } from './deps.ts';

const idempotency = idempotentReplay({
  persistenceStore: () => new DynamoDBPersistenceLayer({ tableName: tableName(FORMULAS_IDEMPOTENCY_TABLE) }),
  expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS,
  key: idempotencyKeyHeader,
});

export const handler = httpHandler(
  submitContract,
  async ({ body }) => {
    const formula = await submitFormula(formulaWriterDeps(), body, correlationId());
    return respond(202, formula, { location: `/formulas/${formula.id}` });
  },
  { idempotency },
);
