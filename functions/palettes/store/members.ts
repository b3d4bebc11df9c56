// Joining and leaving. The team's member_count moves in the same transaction as the membership, so
// "the last member left" is a fact of the data, not a guess from a stale read.
import { keys } from '../domain/keys.ts';
import { teamNotFoundError } from '../errors.ts';
import { deleteTeam, memberItem } from './teams.ts';
import { transact } from './transact.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

/** Adds `userId` to a shared team; joining twice is a no-op. */
export const joinTeam = async (t: TableConfig, teamId: string, userId: string, now: string): Promise<void> => {
  await transact(
    t,
    [
      {
        Put: {
          TableName: t.table,
          Item: memberItem(teamId, userId, now),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: t.table,
          Key: keys.team(teamId),
          UpdateExpression: 'ADD member_count :one',
          // Exists, is shared, and is not being emptied: a team whose count reached 0 is on its way
          // out (its last member left) and must not gain a member its purge would then miss.
          ConditionExpression: 'attribute_exists(pk) AND personal = :false AND member_count > :zero',
          ExpressionAttributeValues: { ':one': 1, ':false': false, ':zero': 0 },
        },
      },
    ],
    (failed) => (failed === 0 ? null : teamNotFoundError(teamId)),
  );
};

/** Removes `userId` from a shared team; the last member out deletes the team and its palettes. */
export const leaveTeam = async (t: TableConfig, teamId: string, userId: string): Promise<void> => {
  await transact(
    t,
    [
      { Delete: { TableName: t.table, Key: keys.member(teamId, userId), ConditionExpression: 'attribute_exists(pk)' } },
      {
        Update: {
          TableName: t.table,
          Key: keys.team(teamId),
          UpdateExpression: 'ADD member_count :minus',
          ConditionExpression: 'attribute_exists(pk) AND personal = :false',
          ExpressionAttributeValues: { ':minus': -1, ':false': false },
        },
      },
    ],
    () => teamNotFoundError(teamId),
  );
  // Only the transaction that brought the count to 0 can satisfy this (joins need a count above 0).
  await deleteTeam(t, teamId, { expression: 'member_count = :zero', values: { ':zero': 0 } });
};
