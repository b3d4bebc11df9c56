import { NotFoundError } from '#shared/errors.ts';

// One message each whether the thing does not exist or belongs to others: ids cannot be probed.
export const teamNotFound = (teamId: string) => new NotFoundError(`No team '${teamId}' among your teams.`, 'team_not_found');
export const paletteNotFound = (paletteId: string) => new NotFoundError(`No palette '${paletteId}' in your teams.`, 'palette_not_found');

export const conditionFailed = (error: unknown): boolean => (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/** Maps a failed `attribute_exists` condition (deleted meanwhile) to `notFound`. */
export const notFoundOnCondition =
  (notFound: Error) =>
  (error: unknown): never => {
    throw conditionFailed(error) ? notFound : error;
  };
