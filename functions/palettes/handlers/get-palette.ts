import { httpHandler } from '#shared/http/handler.ts';
import { getPaletteContract } from '../contracts.ts';
import { visiblePalette } from '../store/access.ts';
import { toPalette } from '../store/items.ts';

export const handler = httpHandler(getPaletteContract, async ({ params, principal }) => toPalette(await visiblePalette(principal, params.id)));
