// Authorisation of the palettes service, in one place. The shared pipeline has already resolved the
// signed-in user from the route's auth mode; these functions decide what that user may touch.
// Membership is the only permission: whoever belongs to a team may read and change it and its
// palettes. Anything else is answered exactly as if it did not exist, so ids cannot be probed.
import type { UserPrincipal } from '#shared/auth/user.ts';
import { paletteNotFoundError, teamNotFoundError } from '../errors.ts';
import { findPalette, getTeam, isMember, type PaletteItem, type TableConfig, type TeamItem } from '../store/index.ts';

export interface PalettesDeps {
  readonly palettes: TableConfig;
}

/** The team, when the user belongs to it; otherwise 404. */
export const memberTeam = async (
  { palettes }: PalettesDeps,
  { userId }: UserPrincipal,
  teamId: string,
): Promise<TeamItem> => {
  const [team, member] = await Promise.all([getTeam(palettes, teamId), isMember(palettes, teamId, userId)]);
  if (!team || !member) throw teamNotFoundError(teamId);
  return team;
};

/**
 * The team the user asks to join, and whether they already belong to it. Shared teams are joinable by
 * id; someone else's personal team is answered like a missing one.
 */
export const joinableTeam = async (
  { palettes }: PalettesDeps,
  { userId }: UserPrincipal,
  teamId: string,
): Promise<{ team: TeamItem; member: boolean }> => {
  const [team, member] = await Promise.all([getTeam(palettes, teamId), isMember(palettes, teamId, userId)]);
  if (!team || (team.personal && !member)) throw teamNotFoundError(teamId);
  return { team, member };
};

/** The palette, when the user belongs to its team; otherwise 404. */
export const visiblePalette = async (
  { palettes }: PalettesDeps,
  { userId }: UserPrincipal,
  paletteId: string,
): Promise<PaletteItem> => {
  const palette = await findPalette(palettes, paletteId);
  if (!palette || !(await isMember(palettes, palette.team_id, userId))) throw paletteNotFoundError(paletteId);
  return palette;
};
