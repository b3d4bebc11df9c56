import { NotFoundError } from '#shared/errors.ts';

/** `GET /calculations/{name}/requests` for a name no calculation is registered under. */
export class UnknownCalculationError extends NotFoundError {
  override name = 'UnknownCalculationError';
  constructor(calculation: string) {
    super(`No calculation named '${calculation}'.`, 'unknown_calculation');
  }
}
