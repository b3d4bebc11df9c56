import { randomUUID } from 'node:crypto';
import { DeleteCommand, paginatedBatchGet, paginateQuery, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '#shared/dynamodb/conditions.ts';
import { decodeCursor, encodeCursor } from '#shared/dynamodb/query-page.ts';
import type { Page } from '#shared/pagination.ts';
import { INVERTED_INDEX } from '../constants.ts';
import type { Team } from '../domain/entities.ts';
import { idOf, keys, PREFIX } from '../domain/keys.ts';
import { teamNotFoundError } from '../errors.ts';
import { type MemberItem, type TeamItem, toTeam } from './items.ts';
import { deleteAllFound, getItem, notFoundOnCondition } from './table.ts';
import { transact, type TransactItems } from './transact.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

export const memberItem = (teamId: string, userId: string, now: string): MemberItem => ({
  ...keys.member(teamId, userId),
  type: 'member',
  team_id: teamId,
  user_id: userId,
  joined_at: now,
});

const isNew = 'attribute_not_exists(pk)';

/** The two puts that create a team with its first member; both insist on being new. */
export const newTeamWrites = (
  { table }: TableConfig,
  teamId: string,
  name: string,
  personal: boolean,
  userId: string,
  now: string,
) => {
  const team: TeamItem = {
    ...keys.team(teamId),
    type: 'team',
    id: teamId,
    name,
    personal,
    member_count: 1,
    created_by: userId,
    created_at: now,
    updated_at: now,
  };
  const writes: TransactItems = [
    { Put: { TableName: table, Item: team, ConditionExpression: isNew } },
    { Put: { TableName: table, Item: memberItem(teamId, userId, now), ConditionExpression: isNew } },
  ];
  return { team, writes };
};

export const getTeam = (t: TableConfig, teamId: string): Promise<TeamItem | undefined> =>
  getItem<TeamItem>(t, keys.team(teamId));

export const isMember = async (t: TableConfig, teamId: string, userId: string): Promise<boolean> =>
  (await getItem<MemberItem>(t, keys.member(teamId, userId))) !== undefined;

export const createTeam = async (t: TableConfig, name: string, userId: string, now: string): Promise<Team> => {
  const { team, writes } = newTeamWrites(t, randomUUID(), name, false, userId, now);
  await transact(t, writes, () => new Error(`Fresh team id ${team.id} already in use.`));
  return toTeam(team);
};

export const renameTeam = async (
  { db, table }: TableConfig,
  teamId: string,
  name: string,
  now: string,
): Promise<Team> => {
  const { Attributes } = await db
    .send(
      new UpdateCommand({
        TableName: table,
        Key: keys.team(teamId),
        UpdateExpression: 'SET #name = :name, updated_at = :now',
        // A concurrent delete must not be resurrected as a name-only item.
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':name': name, ':now': now },
        ReturnValues: 'ALL_NEW',
      }),
    )
    .catch(notFoundOnCondition(teamNotFoundError(teamId)));
  return toTeam(Attributes as TeamItem);
};

/** The user's team ids in id order from the inverted index (MEMBER#u -> TEAM#...), from `fromTeamId` on. */
export async function* myTeamIds(
  { db, table }: TableConfig,
  userId: string,
  fromTeamId?: string,
): AsyncGenerator<string> {
  const pages = paginateQuery(
    { client: db, pageSize: 100 },
    {
      TableName: table,
      IndexName: INVERTED_INDEX,
      KeyConditionExpression: fromTeamId ? 'sk = :member AND pk >= :from' : 'sk = :member AND begins_with(pk, :from)',
      ExpressionAttributeValues: {
        ':member': `${PREFIX.member}${userId}`,
        ':from': `${PREFIX.team}${fromTeamId ?? ''}`,
      },
    },
  );
  for await (const page of pages) for (const item of page.Items ?? []) yield idOf(item.pk as string);
}

/** My teams, in team-id order, one page of memberships at a time. */
export const listMyTeams = async (
  { db, table }: TableConfig,
  userId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Team>> => {
  const scope = `palettes#teams#${userId}`;
  const page = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: INVERTED_INDEX,
      KeyConditionExpression: 'sk = :member AND begins_with(pk, :team)',
      ExpressionAttributeValues: { ':member': `${PREFIX.member}${userId}`, ':team': PREFIX.team },
      Limit: limit,
      ExclusiveStartKey: await decodeCursor(cursor, scope),
    }),
  );
  const teamIds = (page.Items ?? []).map((m) => idOf(m.pk as string));
  const found = new Map<string, Team>();
  if (teamIds.length > 0) {
    const batches = paginatedBatchGet(
      { client: db },
      { RequestItems: { [table]: { Keys: teamIds.map(keys.team), ConsistentRead: true } } },
    );
    for await (const batch of batches)
      for (const item of batch.Responses?.[table] ?? []) found.set(item.id as string, toTeam(item as TeamItem));
  }
  // A team deleted a moment ago may still have this membership; it is skipped, not shown half-gone.
  const items = teamIds.flatMap((teamId) => found.get(teamId) ?? []);
  return { items, next_cursor: await encodeCursor(page.LastEvaluatedKey, scope) };
};

/**
 * Removes a team's memberships, then its palettes. Members go first: once no membership exists, no
 * palette of the team is reachable and no new one can be created (palette puts check membership in
 * the same transaction), so a crash part-way leaves only unreachable leftovers.
 */
const purgeTeam = async (t: TableConfig, teamId: string): Promise<void> => {
  await deleteAllFound(t, {
    KeyConditionExpression: 'pk = :team AND begins_with(sk, :member)',
    ExpressionAttributeValues: { ':team': `${PREFIX.team}${teamId}`, ':member': PREFIX.member },
    ConsistentRead: true,
  });
  await deleteAllFound(t, {
    IndexName: INVERTED_INDEX,
    KeyConditionExpression: 'sk = :team AND begins_with(pk, :palette)',
    ExpressionAttributeValues: { ':team': `${PREFIX.team}${teamId}`, ':palette': PREFIX.palette },
  });
};

/**
 * Deletes the team item under `condition`, then purges what belonged to it. False when the condition
 * failed (someone else deleted it, or it is not in the state the caller expected).
 */
export const deleteTeam = async (
  t: TableConfig,
  teamId: string,
  condition: { expression: string; values: Record<string, unknown> },
): Promise<boolean> => {
  try {
    await t.db.send(
      new DeleteCommand({
        TableName: t.table,
        Key: keys.team(teamId),
        ConditionExpression: `attribute_exists(pk) AND ${condition.expression}`,
        ExpressionAttributeValues: condition.values,
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
  await purgeTeam(t, teamId);
  return true;
};
