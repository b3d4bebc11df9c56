import { httpHandler } from '#shared/http/handler.ts';
import { me } from '../app/accounts.ts';
import { meContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(meContract, async ({ principal }) => me(palettesDeps(), principal));
