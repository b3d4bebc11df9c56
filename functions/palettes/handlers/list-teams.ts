import { httpHandler } from '#shared/http/handler.ts';
import { listTeams } from '../app/teams.ts';
import { listTeamsContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(listTeamsContract, async ({ query, principal }) =>
  listTeams(palettesDeps(), principal, query),
);
