/** Another delivery advanced the session between our read and our write; a retry will see it. */
export class StaleSessionError extends Error {
  override name = 'StaleSessionError';
}
