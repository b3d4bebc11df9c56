import { randomUUID } from 'node:crypto';
import type { User } from '../domain/entities.ts';
import { keys } from '../domain/keys.ts';
import { usernameTakenError } from '../errors.ts';
import { toUser, type UserItem } from './items.ts';
import { getItem } from './table.ts';
import { newTeamWrites } from './teams.ts';
import { transact } from './transact.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

/**
 * Creates the user and its personal team in one transaction. The user item is keyed by the lowercase
 * username and must not exist: of any number of concurrent sign-ups for a name, exactly one commits.
 */
export const createUser = async (
  t: TableConfig,
  username: string,
  passwordHash: string,
  now: string,
): Promise<User> => {
  const id = randomUUID();
  const personalTeamId = randomUUID();
  const user: UserItem = {
    ...keys.login(username),
    type: 'user',
    id,
    username,
    personal_team_id: personalTeamId,
    created_at: now,
    password_hash: passwordHash,
  };
  const team = newTeamWrites(t, personalTeamId, username, true, id, now);
  await transact(
    t,
    [{ Put: { TableName: t.table, Item: user, ConditionExpression: 'attribute_not_exists(pk)' } }, ...team.writes],
    (failed) => (failed === 0 ? usernameTakenError(username) : new Error(`Fresh ids of user ${id} already in use.`)),
  );
  return toUser(user);
};

/** The user signed up under `username` (any case), with the password hash. */
export const findUser = (t: TableConfig, username: string): Promise<UserItem | undefined> =>
  getItem<UserItem>(t, keys.login(username));
