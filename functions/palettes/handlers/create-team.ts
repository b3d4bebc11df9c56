import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { createTeamContract } from '../contracts.ts';
import { createTeam } from '../store/teams.ts';

export const handler = httpHandler(createTeamContract, async ({ body, principal }) =>
  respond(201, await createTeam(body.name, principal.userId, new Date().toISOString())),
);
