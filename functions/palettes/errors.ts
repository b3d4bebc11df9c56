// Errors of the palettes service. One message each whether the thing does not exist or belongs to
// others: ids cannot be probed.
import { ConflictError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '#shared/errors.ts';

export const teamNotFoundError = (teamId: string) =>
  new NotFoundError(`No team '${teamId}' among your teams.`, 'team_not_found');
export const paletteNotFoundError = (paletteId: string) =>
  new NotFoundError(`No palette '${paletteId}' in your teams.`, 'palette_not_found');
export const usernameTakenError = (username: string) =>
  new ConflictError(`The username '${username}' is taken.`, 'username_taken');
/** Personal teams live as long as their user: never deleted, never left. */
export const personalTeamError = (action: 'deleted' | 'left') =>
  new ConflictError(`A personal team cannot be ${action}.`, 'personal_team');
/** The same for an unknown user and a wrong password. */
export const invalidCredentialsError = () =>
  new UnauthorizedError('Wrong username or password.', 'invalid_credentials');
/** Users are never deleted; a session outliving its user would be a data repair, not a 404. */
export const userGoneError = () => new UnauthorizedError('The user of this token no longer exists.', 'invalid_token');
/** The same whichever key (the account or the source address) is closed, and whether the account exists. */
export const signInBackoffError = (retryAfterSeconds: number) =>
  new TooManyRequestsError(
    `Too many failed sign-ins; try again in ${retryAfterSeconds} s.`,
    retryAfterSeconds,
    'sign_in_backoff',
  );
