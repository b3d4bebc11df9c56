// What the chart and the session pages read.
import type { Page } from '#shared/pagination.ts';
import { type Totals, totalsOf } from '../domain/session.ts';
import type { StatsPoint } from '../domain/stats-point.ts';
import { sessionNotFoundError } from '../errors.ts';
import { getSession, listSessions, listStats, type TableConfig } from '../store/index.ts';

/**
 * Points with seq > `after`. An unknown (or not yet aggregated) session has none: an empty page, which
 * is what a chart polls for.
 */
export const sessionStats = (
  deps: { stats: TableConfig },
  sessionId: string,
  query: { after?: number; limit: number; cursor?: string },
): Promise<Page<StatsPoint>> => listStats(deps.stats, sessionId, query.after ?? -1, query.limit, query.cursor);

export const sessionTotals = async (deps: { sessions: TableConfig }, sessionId: string): Promise<Totals> => {
  const state = await getSession(deps.sessions, sessionId);
  if (!state) throw sessionNotFoundError(sessionId);
  return totalsOf(state);
};

/** Sessions, most recently started first. */
export const listSessionTotals = async (
  deps: { sessions: TableConfig },
  page: { limit: number; cursor?: string },
): Promise<Page<Totals>> => {
  const sessions = await listSessions(deps.sessions, page.limit, page.cursor);
  return { items: sessions.items.map(totalsOf), next_cursor: sessions.next_cursor };
};
