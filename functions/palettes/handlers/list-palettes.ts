import { httpHandler } from '#shared/http/handler.ts';
import { listPalettesContract } from '../contracts.ts';
import { memberTeam } from '../store/access.ts';
import { listPalettes } from '../store/palettes.ts';

export const handler = httpHandler(listPalettesContract, async ({ query, principal }) => {
  if (query.team) await memberTeam(principal, query.team);
  return listPalettes(principal.userId, query.team, query.limit, query.cursor);
});
