// PUT /teams/{id}/members/me: idempotent, so a retried join answers like the first one.
import { httpHandler } from '#shared/http/handler.ts';
import { joinTeamContract } from '../contracts.ts';
import { joinableTeam, memberTeam } from '../store/access.ts';
import { toTeam } from '../store/items.ts';
import { joinTeam } from '../store/members.ts';

export const handler = httpHandler(joinTeamContract, async ({ params, principal }) => {
  const { team, member } = await joinableTeam(principal, params.id);
  if (member) return toTeam(team);
  await joinTeam(team.id, principal.userId, new Date().toISOString());
  return toTeam(await memberTeam(principal, team.id));
});
