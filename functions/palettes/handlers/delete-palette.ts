import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { deletePalette } from '../app/palettes.ts';
import { deletePaletteContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(deletePaletteContract, async ({ params, principal }) => {
  await deletePalette(palettesDeps(), principal, params.id);
  return respond(204, undefined);
});
