// POST /palettes/{id}/copy: the caller must see the source palette and belong to the target team.
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { copyPaletteContract } from '../contracts.ts';
import { memberTeam, visiblePalette } from '../store/access.ts';
import { createPalette } from '../store/palettes.ts';

export const handler = httpHandler(copyPaletteContract, async ({ params, body, principal }) => {
  const [source, target] = await Promise.all([visiblePalette(principal, params.id), memberTeam(principal, body.team)]);
  const copy = { name: body.name ?? source.name, colors: source.colors };
  return respond(201, await createPalette(target.id, principal.userId, copy, new Date().toISOString()));
});
