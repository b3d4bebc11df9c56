// PUT /teams/{id}/members/me: idempotent, so a retried join answers like the first one.
import { httpHandler } from '#shared/http/handler.ts';
import { joinTeam } from '../app/teams.ts';
import { joinTeamContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(joinTeamContract, async ({ params, principal }) =>
  joinTeam(palettesDeps(), principal, params.id),
);
