import { httpHandler } from '#shared/http/handler.ts';
import { updateTeam } from '../app/teams.ts';
import { updateTeamContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(updateTeamContract, async ({ params, body, principal }) =>
  updateTeam(palettesDeps(), principal, params.id, body.name),
);
