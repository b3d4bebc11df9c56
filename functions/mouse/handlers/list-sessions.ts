import { httpHandler } from '#shared/http/handler.ts';
import { listSessionsContract } from '../contracts.ts';
import { totalsOf } from '../domain/session.ts';
import { listSessions } from '../store/sessions.ts';

export const handler = httpHandler(listSessionsContract, async ({ query }) => {
  const page = await listSessions(query.limit, query.cursor);
  return { items: page.items.map(totalsOf), next_cursor: page.next_cursor };
});
