import { calculationByName } from '../domain/calculations/index.ts';
import { UnknownCalculationError } from '../errors.ts';
import type { RequestLister } from '../store/index.ts';

/** One page of the inputs requested of calculation `name`, which must be registered. */
export const listRequests = async (
  { store }: { store: RequestLister },
  name: string,
  page: { limit: number; cursor?: string | undefined },
) => {
  if (!calculationByName(name)) throw new UnknownCalculationError(name);
  return store.listRequests(name, page.limit, page.cursor);
};
