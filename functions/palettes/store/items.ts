// Stored item shapes. Items carry their API fields verbatim beside the keys, so mapping is a pick.
import type { Palette, Team, User } from '../domain/entities.ts';
import type { ItemKey } from '../domain/keys.ts';

/** The user lives in its username claim: sign-in reads one item, and the claim is what makes names unique. */
export type UserItem = ItemKey & User & { readonly type: 'user'; readonly password_hash: string };
export type TeamItem = ItemKey & Team & { readonly type: 'team'; readonly created_by: string };
export type MemberItem = ItemKey & {
  readonly type: 'member';
  readonly team_id: string;
  readonly user_id: string;
  readonly joined_at: string;
};
export type PaletteItem = ItemKey & Palette & { readonly type: 'palette' };

export const toUser = ({ id, username, personal_team_id, created_at }: UserItem): User => ({
  id,
  username,
  personal_team_id,
  created_at,
});

export const toTeam = ({ id, name, personal, member_count, created_at, updated_at }: TeamItem): Team => ({
  id,
  name,
  personal,
  member_count,
  created_at,
  updated_at,
});

export const toPalette = ({ id, team_id, name, colors, created_by, created_at, updated_at }: PaletteItem): Palette => ({
  id,
  team_id,
  name,
  colors,
  created_by,
  created_at,
  updated_at,
});
