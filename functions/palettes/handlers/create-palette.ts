import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { createPalette } from '../app/palettes.ts';
import { createPaletteContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(createPaletteContract, async ({ params, body, principal }) =>
  respond(201, await createPalette(palettesDeps(), principal, params.id, body)),
);
