import { httpHandler } from '#shared/http/handler.ts';
import { listPalettes } from '../app/palettes.ts';
import { listPalettesContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(listPalettesContract, async ({ query, principal }) =>
  listPalettes(palettesDeps(), principal, query),
);
