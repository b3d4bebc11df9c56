import { httpHandler } from '#shared/http/handler.ts';
import { listTeamsContract } from '../contracts.ts';
import { listMyTeams } from '../store/teams.ts';

export const handler = httpHandler(listTeamsContract, async ({ query, principal }) =>
  listMyTeams(principal.userId, query.limit, query.cursor),
);
