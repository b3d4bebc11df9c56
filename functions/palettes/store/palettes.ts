import { randomUUID } from 'node:crypto';
import { DeleteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Key } from '#shared/dynamodb/query-page.ts';
import type { Page } from '#shared/pagination.ts';
import { INVERTED_INDEX } from '../constants.ts';
import type { Palette } from '../domain/entities.ts';
import { keys, PREFIX } from '../domain/keys.ts';
import { paletteNotFoundError, teamNotFoundError } from '../errors.ts';
import { type PaletteItem, toPalette } from './items.ts';
import { notFoundOnCondition } from './table.ts';
import { myTeamIds } from './teams.ts';
import { transact } from './transact.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

export interface PaletteInput {
  readonly name: string;
  readonly colors: string[];
}

/** Creates a palette in a team, in one transaction with a check that `userId` still belongs to it. */
export const createPalette = async (
  t: TableConfig,
  teamId: string,
  userId: string,
  input: PaletteInput,
  now: string,
): Promise<Palette> => {
  const id = randomUUID();
  const palette: PaletteItem = {
    ...keys.palette(id, teamId),
    type: 'palette',
    id,
    team_id: teamId,
    name: input.name,
    colors: input.colors,
    created_by: userId,
    created_at: now,
    updated_at: now,
  };
  await transact(
    t,
    [
      { Put: { TableName: t.table, Item: palette, ConditionExpression: 'attribute_not_exists(pk)' } },
      // Closes the race with leave/delete: a team purge removes memberships first, so no palette
      // can be added behind its back.
      {
        ConditionCheck: {
          TableName: t.table,
          Key: keys.member(teamId, userId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    ],
    (failed) => (failed === 1 ? teamNotFoundError(teamId) : new Error(`Fresh palette id ${id} already in use.`)),
  );
  return toPalette(palette);
};

export const updatePalette = async (
  { db, table }: TableConfig,
  palette: PaletteItem,
  changes: Partial<PaletteInput>,
  now: string,
): Promise<Palette> => {
  const fields = { ...changes, updated_at: now };
  const names = Object.keys(fields);
  const { Attributes } = await db
    .send(
      new UpdateCommand({
        TableName: table,
        Key: keys.palette(palette.id, palette.team_id),
        UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}`,
        // Deleted meanwhile: 404 rather than a half item recreated by the update.
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
        ExpressionAttributeValues: Object.fromEntries(Object.entries(fields).map(([n, v]) => [`:${n}`, v])),
        ReturnValues: 'ALL_NEW',
      }),
    )
    .catch(notFoundOnCondition(paletteNotFoundError(palette.id)));
  return toPalette(Attributes as PaletteItem);
};

/** The palette by id, whatever its team (its partition holds exactly one item: sk = the team), strongly consistent. */
export const findPalette = async ({ db, table }: TableConfig, paletteId: string): Promise<PaletteItem | undefined> => {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `${PREFIX.palette}${paletteId}` },
      ConsistentRead: true,
      Limit: 1,
    }),
  );
  return Items?.[0] as PaletteItem | undefined;
};

export const deletePalette = async ({ db, table }: TableConfig, palette: PaletteItem): Promise<void> => {
  await db.send(new DeleteCommand({ TableName: table, Key: keys.palette(palette.id, palette.team_id) }));
};

/** Where a listing stopped: the team it was reading and the last palette key returned from it. */
interface Position extends Key {
  readonly team: string;
  readonly after?: Key;
}

/**
 * Palettes of the given teams (or of all of `userId`'s teams), team by team in id order, palettes
 * in id order within a team. The cursor names the team and the last palette returned, so a page can
 * end in the middle of a team and the next one resumes there.
 */
export const listPalettes = async (
  t: TableConfig,
  userId: string,
  team: string | undefined,
  limit: number,
  cursor?: string,
): Promise<Page<Palette>> => {
  const scope = `palettes#palettes#${userId}#${team ?? '*'}`;
  const from = (await decodeCursor(cursor, scope)) as Position | undefined;
  const teams = team ? [team] : myTeamIds(t, userId, from?.team);
  const items: Palette[] = [];
  for await (const teamId of teams) {
    let after = teamId === from?.team ? from.after : undefined;
    do {
      const page = await t.db.send(
        new QueryCommand({
          TableName: t.table,
          IndexName: INVERTED_INDEX,
          KeyConditionExpression: 'sk = :team AND begins_with(pk, :palette)',
          ExpressionAttributeValues: { ':team': `${PREFIX.team}${teamId}`, ':palette': PREFIX.palette },
          Limit: limit - items.length,
          ExclusiveStartKey: after,
        }),
      );
      const found = (page.Items ?? []) as PaletteItem[];
      items.push(...found.map(toPalette));
      after = page.LastEvaluatedKey;
      const last = found.at(-1);
      if (items.length === limit && last) {
        return {
          items,
          next_cursor: await encodeCursor(
            { team: teamId, after: { pk: last.pk, sk: last.sk } } satisfies Position,
            scope,
          ),
        };
      }
    } while (after);
  }
  return { items, next_cursor: null };
};
