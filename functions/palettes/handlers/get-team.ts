import { httpHandler } from '#shared/http/handler.ts';
import { getTeam } from '../app/teams.ts';
import { getTeamContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(getTeamContract, async ({ params, principal }) =>
  getTeam(palettesDeps(), principal, params.id),
);
