import { httpHandler } from '#shared/http/handler.ts';
import { getTeamContract } from '../contracts.ts';
import { memberTeam } from '../store/access.ts';
import { toTeam } from '../store/items.ts';

export const handler = httpHandler(getTeamContract, async ({ params, principal }) => toTeam(await memberTeam(principal, params.id)));
