// POST /palettes/{id}/copy: the caller must see the source palette and belong to the target team.
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { copyPalette } from '../app/palettes.ts';
import { copyPaletteContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(copyPaletteContract, async ({ params, body, principal }) =>
  respond(201, await copyPalette(palettesDeps(), principal, params.id, body)),
);
