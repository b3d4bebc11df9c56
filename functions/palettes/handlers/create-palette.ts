import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { createPaletteContract } from '../contracts.ts';
import { memberTeam } from '../store/access.ts';
import { createPalette } from '../store/palettes.ts';

export const handler = httpHandler(createPaletteContract, async ({ params, body, principal }) => {
  const team = await memberTeam(principal, params.id);
  return respond(201, await createPalette(team.id, principal.userId, body, new Date().toISOString()));
});
