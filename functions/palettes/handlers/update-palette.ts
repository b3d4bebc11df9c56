import { httpHandler } from '#shared/http/handler.ts';
import { updatePalette } from '../app/palettes.ts';
import { updatePaletteContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(updatePaletteContract, async ({ params, body, principal }) =>
  updatePalette(palettesDeps(), principal, params.id, body),
);
