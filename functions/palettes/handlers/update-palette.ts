import { httpHandler } from '#shared/http/handler.ts';
import { updatePaletteContract } from '../contracts.ts';
import { visiblePalette } from '../store/access.ts';
import { updatePalette } from '../store/palettes.ts';

export const handler = httpHandler(updatePaletteContract, async ({ params, body, principal }) =>
  updatePalette(await visiblePalette(principal, params.id), body, new Date().toISOString()),
);
