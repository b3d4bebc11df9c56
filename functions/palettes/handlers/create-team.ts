import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { createTeam } from '../app/teams.ts';
import { createTeamContract } from '../contracts.ts';
import { palettesDeps } from './deps.ts';

export const handler = httpHandler(createTeamContract, async ({ body, principal }) =>
  respond(201, await createTeam(palettesDeps(), principal, body.name)),
);
