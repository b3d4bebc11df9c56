import { httpHandler } from '#shared/http/handler.ts';
import { healthzContract } from '../contracts.ts';

export const handler = httpHandler(healthzContract, async () => ({ status: 'ok' as const }));
