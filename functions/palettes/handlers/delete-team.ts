import { ConflictError } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { deleteTeamContract } from '../contracts.ts';
import { memberTeam } from '../store/access.ts';
import { teamNotFound } from '../store/errors.ts';
import { deleteTeam } from '../store/teams.ts';

export const handler = httpHandler(deleteTeamContract, async ({ params, principal }) => {
  const team = await memberTeam(principal, params.id);
  if (team.personal) throw new ConflictError('A personal team cannot be deleted.', 'personal_team');
  // The condition repeats the check on the item itself; false means it was deleted meanwhile.
  if (!(await deleteTeam(team.id, { expression: 'personal = :false', values: { ':false': false } }))) throw teamNotFound(team.id);
  return respond(204, undefined);
});
