// The invocations panel: the last invocations, newest first, live from a server-sent event stream;
// filters by function, trigger and outcome; an invocation's event, result and log lines on choosing it.
import { api, byId } from '#web/lib/api.ts';
import { act, h, json } from './dom.ts';

interface Invocation {
  readonly index: number;
  readonly function: string;
  readonly source: string;
  readonly origin: string;
  readonly outcome: string;
  /** success, handled-error (an HTTP 4xx/5xx answer), batch-item-failures, crash or timeout. */
  readonly verdict: string;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly requestId: string;
  readonly correlationId: string | null;
  /** null: no longer known (the console keeps the last invocations' details only). */
  readonly cold: boolean | null;
  readonly initMs: number | null;
  readonly injected?: boolean;
  readonly error?: string;
  readonly batchSize?: number;
  readonly failedIds?: readonly string[];
}

interface Detail extends Invocation {
  readonly event: unknown;
  readonly result: unknown;
  readonly logs: readonly string[];
}

/** What the page keeps: the newest of them. */
const KEEP = 500;
const invocations: Invocation[] = [];

const filters = ['filter-function', 'filter-source', 'filter-outcome'] as const;
const shown = (i: Invocation): boolean => {
  const [fn, source, outcome] = filters.map((id) => byId<HTMLSelectElement>(id).value);
  return (!fn || i.function === fn) && (!source || i.source === source) && (!outcome || i.verdict === outcome);
};

const time = (ms: number): string => new Date(ms).toISOString().slice(11, 23);

const showDetail = async (requestId: string): Promise<void> => {
  const d = await api<Detail>(`api/invocations/${encodeURIComponent(requestId)}`);
  const failed = d.failedIds?.length ? `${d.failedIds.length} of ${d.batchSize} records failed` : null;
  byId('invocation-detail').replaceChildren(
    h('h2', {}, `${d.function} · ${d.verdict}`),
    h(
      'dl',
      {},
      h('dt', {}, 'Request id'),
      h('dd', {}, d.requestId),
      h('dt', {}, 'Trigger'),
      h('dd', {}, `${d.source} ${d.origin}`),
      d.error && h('dt', {}, 'Error'),
      d.error && h('dd', {}, d.error + (d.injected ? ' (injected)' : '')),
      failed && h('dt', {}, 'Batch'),
      failed && h('dd', {}, failed),
    ),
    h('h3', {}, 'Event'),
    json(d.event),
    h('h3', {}, 'Result'),
    json(d.result),
    h('h3', {}, `Log lines (${d.logs.length})`),
    h('pre', { class: 'logs' }, d.logs.join('\n')),
  );
};

const row = (i: Invocation): HTMLTableRowElement =>
  h(
    'tr',
    { 'data-request-id': i.requestId, 'data-outcome': i.verdict, class: `outcome-${i.verdict}` },
    h('td', {}, time(i.startedAt)),
    h(
      'td',
      {},
      h('button', { type: 'button', class: 'link', onclick: act(() => showDetail(i.requestId)) }, i.function),
    ),
    h('td', {}, `${i.source} ${i.origin}`),
    h('td', { class: 'mono' }, i.correlationId ?? ''),
    h('td', { class: 'num' }, i.durationMs),
    h('td', {}, i.cold === null ? '' : i.cold ? `cold (init ${i.initMs} ms)` : 'warm'),
    h('td', {}, h('span', { class: 'badge' }, i.verdict.replaceAll('-', ' ')), i.injected ? ' injected' : ''),
  );

const render = (): void => {
  const visible = invocations.filter(shown);
  byId('invocation-rows').replaceChildren(...visible.map(row));
  byId('invocation-count').textContent = `${visible.length} of the last ${invocations.length} invocations`;
};

const add = (list: readonly Invocation[]): void => {
  invocations.unshift(...[...list].reverse());
  invocations.length = Math.min(invocations.length, KEEP);
  const functions = byId<HTMLSelectElement>('filter-function');
  const known = new Set([...functions.options].map((o) => o.value));
  for (const i of list)
    if (!known.has(i.function)) known.add(i.function), functions.append(h('option', {}, i.function));
  render();
};

export const startInvocations = async (): Promise<void> => {
  for (const id of filters) byId(id).addEventListener('change', render);
  const { items, next } = await api<{ items: Invocation[]; next: number }>('api/invocations');
  add(items);
  const stream = new EventSource(`api/invocations/stream?from=${next}`);
  stream.onmessage = (message) => add([JSON.parse(message.data as string) as Invocation]);
};
