import { httpHandler } from '#shared/http/handler.ts';
import { updateTeamContract } from '../contracts.ts';
import { memberTeam } from '../store/access.ts';
import { renameTeam } from '../store/teams.ts';

export const handler = httpHandler(updateTeamContract, async ({ params, body, principal }) => {
  await memberTeam(principal, params.id);
  return renameTeam(params.id, body.name, new Date().toISOString());
});
