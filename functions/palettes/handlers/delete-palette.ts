import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { deletePaletteContract } from '../contracts.ts';
import { visiblePalette } from '../store/access.ts';
import { deletePalette } from '../store/palettes.ts';

export const handler = httpHandler(deletePaletteContract, async ({ params, principal }) => {
  await deletePalette(await visiblePalette(principal, params.id));
  return respond(204, undefined);
});
