// Team use cases: every one but creating and listing acts on a team the user belongs to (access.ts).
import type { UserPrincipal } from '#shared/auth/user.ts';
import type { Page } from '#shared/pagination.ts';
import type { Team } from '../domain/entities.ts';
import { personalTeamError, teamNotFoundError } from '../errors.ts';
import * as store from '../store/index.ts';
import { joinableTeam, memberTeam, type PalettesDeps } from './access.ts';

export const createTeam = (deps: PalettesDeps, principal: UserPrincipal, name: string): Promise<Team> =>
  store.createTeam(deps.palettes, name, principal.userId, new Date().toISOString());

export const listTeams = (
  deps: PalettesDeps,
  principal: UserPrincipal,
  page: { limit: number; cursor?: string },
): Promise<Page<Team>> => store.listMyTeams(deps.palettes, principal.userId, page.limit, page.cursor);

export const getTeam = async (deps: PalettesDeps, principal: UserPrincipal, teamId: string): Promise<Team> =>
  store.toTeam(await memberTeam(deps, principal, teamId));

export const updateTeam = async (
  deps: PalettesDeps,
  principal: UserPrincipal,
  teamId: string,
  name: string,
): Promise<Team> => {
  await memberTeam(deps, principal, teamId);
  return store.renameTeam(deps.palettes, teamId, name, new Date().toISOString());
};

export const deleteTeam = async (deps: PalettesDeps, principal: UserPrincipal, teamId: string): Promise<void> => {
  const team = await memberTeam(deps, principal, teamId);
  if (team.personal) throw personalTeamError('deleted');
  // The condition repeats the check on the item itself; false means it was deleted meanwhile.
  if (
    !(await store.deleteTeam(deps.palettes, team.id, { expression: 'personal = :false', values: { ':false': false } }))
  )
    throw teamNotFoundError(team.id);
};

/** Idempotent, so a retried join answers like the first one. */
export const joinTeam = async (deps: PalettesDeps, principal: UserPrincipal, teamId: string): Promise<Team> => {
  const { team, member } = await joinableTeam(deps, principal, teamId);
  if (member) return store.toTeam(team);
  await store.joinTeam(deps.palettes, team.id, principal.userId, new Date().toISOString());
  return store.toTeam(await memberTeam(deps, principal, team.id));
};

export const leaveTeam = async (deps: PalettesDeps, principal: UserPrincipal, teamId: string): Promise<void> => {
  const team = await memberTeam(deps, principal, teamId);
  if (team.personal) throw personalTeamError('left');
  await store.leaveTeam(deps.palettes, team.id, principal.userId);
};
