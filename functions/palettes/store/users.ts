import { randomUUID } from 'node:crypto';
import { ConflictError } from '#shared/errors.ts';
import type { User } from '../contracts.ts';
import { keys } from '../domain/keys.ts';
import { toUser, type UserItem } from './items.ts';
import { getItem, table } from './table.ts';
import { newTeamWrites } from './teams.ts';
import { transact } from './transact.ts';

export const usernameTaken = (username: string) => new ConflictError(`The username '${username}' is taken.`, 'username_taken');

/**
 * Creates the user and its personal team in one transaction. The user item is keyed by the lowercase
 * username and must not exist: of any number of concurrent sign-ups for a name, exactly one commits.
 */
export const createUser = async (username: string, passwordHash: string, now: string): Promise<User> => {
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
  const team = newTeamWrites(personalTeamId, username, true, id, now);
  await transact([{ Put: { TableName: table, Item: user, ConditionExpression: 'attribute_not_exists(pk)' } }, ...team.writes], (failed) =>
    failed === 0
      ? usernameTaken(username)
      : new Error(`Fresh ids of user ${id} already in use.`),
  );
  return toUser(user);
};

/** The user signed up under `username` (any case), with the password hash. */
export const findUser = (username: string): Promise<UserItem | undefined> => getItem<UserItem>(keys.login(username));
