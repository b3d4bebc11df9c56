import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { leaveTeam } from '../app/teams.ts';
import { leaveTeamContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(leaveTeamContract, async ({ params, principal }) => {
  await leaveTeam(palettesDeps(), principal, params.id);
  return respond(204, undefined);
});
