// The formulas service's errors, each with its status and code (mapped to `{detail, code}` by the pipeline).
import { ConflictError, NotFoundError } from '#shared/errors.ts';

/** A formula with the same make-up exists: the 409 names it, so a client can fetch it instead. */
export class DuplicateFormulaError extends ConflictError {
  override name = 'DuplicateFormulaError';
  constructor(existingId: string) {
    super('A formula with the same materials and concentrations already exists.', 'duplicate_formula', {
      id: existingId,
    });
  }
}

export class FormulaNotFoundError extends NotFoundError {
  override name = 'FormulaNotFoundError';
  constructor(id: string) {
    super(`No formula with id '${id}'.`, 'formula_not_found');
  }
}
