import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { deleteTeam } from '../app/teams.ts';
import { deleteTeamContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(deleteTeamContract, async ({ params, principal }) => {
  await deleteTeam(palettesDeps(), principal, params.id);
  return respond(204, undefined);
});
