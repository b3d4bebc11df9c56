import { httpHandler } from '#shared/http/handler.ts';
import { healthzContract } from '../contracts/routes.ts';

export const handler = httpHandler(healthzContract, async () => ({ status: 'ok' as const }));
