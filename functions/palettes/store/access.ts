// Authorisation of the palettes service, in one place. The shared pipeline has already resolved the
// signed-in user from the route's auth mode; these functions decide what that user may touch.
// Membership is the only permission: whoever belongs to a team may read and change it and its
// palettes. Anything else is answered exactly as if it did not exist, so ids cannot be probed.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { UserPrincipal } from '#shared/auth/user.ts';
import { keys, PREFIX } from '../domain/keys.ts';
import { paletteNotFound, teamNotFound } from './errors.ts';
import type { MemberItem, PaletteItem, TeamItem } from './items.ts';
import { db, getItem, table } from './table.ts';

const isMember = async (teamId: string, userId: string): Promise<boolean> =>
  (await getItem<MemberItem>(keys.member(teamId, userId))) !== undefined;

/** The team, when the user belongs to it; otherwise 404. */
export const memberTeam = async (principal: UserPrincipal, teamId: string): Promise<TeamItem> => {
  const { userId } = principal;
  const [team, member] = await Promise.all([getItem<TeamItem>(keys.team(teamId)), isMember(teamId, userId)]);
  if (!team || !member) throw teamNotFound(teamId);
  return team;
};

/**
 * The team the user asks to join, and whether they already belong to it. Shared teams are joinable by
 * id; someone else's personal team is answered like a missing one.
 */
export const joinableTeam = async (principal: UserPrincipal, teamId: string): Promise<{ team: TeamItem; member: boolean }> => {
  const { userId } = principal;
  const [team, member] = await Promise.all([getItem<TeamItem>(keys.team(teamId)), isMember(teamId, userId)]);
  if (!team || (team.personal && !member)) throw teamNotFound(teamId);
  return { team, member };
};

/** The palette, when the user belongs to its team; otherwise 404. */
export const visiblePalette = async (principal: UserPrincipal, paletteId: string): Promise<PaletteItem> => {
  const { userId } = principal;
  // The palette's own partition holds exactly one item (sk = its team): a strongly consistent lookup.
  const { Items } = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `${PREFIX.palette}${paletteId}` },
      ConsistentRead: true,
      Limit: 1,
    }),
  );
  const palette = Items?.[0] as PaletteItem | undefined;
  if (!palette || !(await isMember(palette.team_id, userId))) throw paletteNotFound(paletteId);
  return palette;
};
