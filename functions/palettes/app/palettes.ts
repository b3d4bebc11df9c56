// Palette use cases: a palette is reachable only through a team the user belongs to (access.ts).
import type { UserPrincipal } from '#shared/auth/user.ts';
import type { Page } from '#shared/pagination.ts';
import type { Palette } from '../domain/entities.ts';
import * as store from '../store/index.ts';
import { memberTeam, type PalettesDeps, visiblePalette } from './access.ts';

export const createPalette = async (
  deps: PalettesDeps,
  principal: UserPrincipal,
  teamId: string,
  input: store.PaletteInput,
): Promise<Palette> => {
  const team = await memberTeam(deps, principal, teamId);
  return store.createPalette(deps.palettes, team.id, principal.userId, input, new Date().toISOString());
};

/** Palettes of all my teams, or of one team (which I must belong to). */
export const listPalettes = async (
  deps: PalettesDeps,
  principal: UserPrincipal,
  query: { team?: string; limit: number; cursor?: string },
): Promise<Page<Palette>> => {
  if (query.team) await memberTeam(deps, principal, query.team);
  return store.listPalettes(deps.palettes, principal.userId, query.team, query.limit, query.cursor);
};

export const getPalette = async (deps: PalettesDeps, principal: UserPrincipal, paletteId: string): Promise<Palette> =>
  store.toPalette(await visiblePalette(deps, principal, paletteId));

export const updatePalette = async (
  deps: PalettesDeps,
  principal: UserPrincipal,
  paletteId: string,
  changes: Partial<store.PaletteInput>,
): Promise<Palette> =>
  store.updatePalette(
    deps.palettes,
    await visiblePalette(deps, principal, paletteId),
    changes,
    new Date().toISOString(),
  );

export const deletePalette = async (deps: PalettesDeps, principal: UserPrincipal, paletteId: string): Promise<void> =>
  store.deletePalette(deps.palettes, await visiblePalette(deps, principal, paletteId));

/** Copies a palette the user can see into another team they belong to. */
export const copyPalette = async (
  deps: PalettesDeps,
  principal: UserPrincipal,
  paletteId: string,
  target: { team: string; name?: string },
): Promise<Palette> => {
  const [source, team] = await Promise.all([
    visiblePalette(deps, principal, paletteId),
    memberTeam(deps, principal, target.team),
  ]);
  const copy = { name: target.name ?? source.name, colors: source.colors };
  return store.createPalette(deps.palettes, team.id, principal.userId, copy, new Date().toISOString());
};
