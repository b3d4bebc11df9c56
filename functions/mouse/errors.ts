import { NotFoundError } from '#shared/errors.ts';

/** Another delivery advanced the session between our read and our write; a retry will see it. */
export class StaleSessionError extends Error {
  override name = 'StaleSessionError';
}

export const sessionNotFoundError = (sessionId: string) =>
  new NotFoundError(`No aggregated batch for session '${sessionId}' yet.`, 'session_not_found');
