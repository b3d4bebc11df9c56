import { httpHandler } from '#shared/http/handler.ts';
import { getPalette } from '../app/palettes.ts';
import { getPaletteContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(getPaletteContract, async ({ params, principal }) =>
  getPalette(palettesDeps(), principal, params.id),
);
