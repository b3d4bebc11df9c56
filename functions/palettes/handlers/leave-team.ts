import { ConflictError } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { leaveTeamContract } from '../contracts.ts';
import { memberTeam } from '../store/access.ts';
import { leaveTeam } from '../store/members.ts';

export const handler = httpHandler(leaveTeamContract, async ({ params, principal }) => {
  const team = await memberTeam(principal, params.id);
  if (team.personal) throw new ConflictError('A personal team cannot be left.', 'personal_team');
  await leaveTeam(team.id, principal.userId);
  return respond(204, undefined);
});
