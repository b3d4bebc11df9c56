// The queues panel: every queue's and DLQ's counts, refreshed while shown; a DLQ's messages; redrive and
// purges behind a typed confirmation.
import { api, byId } from '#web/lib/api.ts';
import { act, ago, confirmTyped, h, json, nextPage } from './dom.ts';

interface Counts {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  readonly oldestAgeMs: number | null;
}

interface Queue {
  readonly name: string;
  readonly counts: Counts;
  readonly dlq: { readonly name: string; readonly counts: Counts };
}

interface DlqMessage {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: Record<string, string>;
}

const REFRESH_MS = 2000;
const post = (path: string, body: unknown) => api<unknown>(path, { method: 'POST', body: JSON.stringify(body) });

const showDlq = async (queue: string, cursor?: string): Promise<void> => {
  const query = new URLSearchParams(cursor ? { cursor } : {});
  const { items, total, ...page } = await api<{ items: DlqMessage[]; total: number; cursor: string | null }>(
    `api/queues/${queue}/dlq?${query}`,
  );
  const body = (text: string): string => {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  };
  byId('dlq-view').replaceChildren(
    h('h2', {}, `Dead letters of ${queue} (${total})`),
    items.length === 0 ? h('p', { class: 'muted' }, 'None.') : '',
    ...items.map((m) =>
      h(
        'article',
        { class: 'message', 'data-message-id': m.messageId },
        h('h3', { class: 'mono' }, m.messageId),
        h(
          'p',
          { class: 'muted' },
          `received ${m.attributes.ApproximateReceiveCount ?? '?'} times, sent `,
          m.attributes.SentTimestamp ? new Date(Number(m.attributes.SentTimestamp)).toISOString() : '?',
        ),
        h('pre', {}, body(m.body)),
        h('details', {}, h('summary', {}, 'Attributes'), json(m.attributes)),
      ),
    ),
    nextPage(
      page.cursor,
      act((next: string) => showDlq(queue, next)),
    ) ?? '',
  );
};

const redrive = async (queue: string): Promise<void> => {
  if (!(await confirmTyped(`Move every message of ${queue}'s DLQ back to ${queue}?`, queue))) return;
  const moved = (await post(`api/queues/${queue}/redrive`, { confirm: queue })) as { moved: number; failed: number };
  byId('dlq-view').replaceChildren(
    h('p', { role: 'status' }, `Redrove ${moved.moved} message(s) to ${queue}; ${moved.failed} could not be sent.`),
  );
  await refresh();
};

const purge = async (queue: string, target: 'queue' | 'dlq'): Promise<void> => {
  const what = target === 'dlq' ? `the DLQ of ${queue}` : queue;
  if (!(await confirmTyped(`Delete every message of ${what}? They cannot be recovered.`, queue))) return;
  await post(`api/queues/${queue}/purge`, { confirm: queue, target });
  await refresh();
};

const row = (q: Queue): HTMLTableRowElement => {
  const dead = q.dlq.counts.visible + q.dlq.counts.inFlight + q.dlq.counts.delayed;
  return h(
    'tr',
    { 'data-queue': q.name },
    h('td', {}, q.name),
    h('td', { class: 'num' }, q.counts.visible),
    h('td', { class: 'num' }, q.counts.inFlight),
    h('td', { class: 'num' }, q.counts.delayed),
    h('td', { class: 'num age' }, ago(q.counts.oldestAgeMs)),
    h('td', {}, q.dlq.name),
    h('td', { class: 'num dlq-count' }, dead),
    h(
      'td',
      { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: act(() => showDlq(q.name)) }, 'Dead letters'),
      h('button', { type: 'button', disabled: dead === 0, onclick: act(() => redrive(q.name)) }, 'Redrive'),
      h(
        'button',
        { type: 'button', class: 'danger', disabled: dead === 0, onclick: act(() => purge(q.name, 'dlq')) },
        'Purge DLQ',
      ),
      h('button', { type: 'button', class: 'danger', onclick: act(() => purge(q.name, 'queue')) }, 'Purge queue'),
    ),
  );
};

/** Rows are replaced only when a count changed (ages change in place), so that keyboard focus stays put. */
let shown = '';
const refresh = async (): Promise<void> => {
  const { items } = await api<{ items: Queue[] }>('api/queues');
  const counts = (c: Counts) => [c.visible, c.inFlight, c.delayed];
  const fingerprint = JSON.stringify(items.map((q) => [q.name, counts(q.counts), counts(q.dlq.counts)]));
  const rows = byId('queue-rows');
  if (fingerprint !== shown) rows.replaceChildren(...items.map(row));
  else
    items.forEach((q, i) => {
      rows.children[i]!.querySelector('.age')!.textContent = ago(q.counts.oldestAgeMs);
    });
  shown = fingerprint;
};

export const queuesPanel = {
  show: (): (() => void) => {
    act(refresh)();
    const timer = setInterval(act(refresh), REFRESH_MS);
    byId('queues-refresh').onclick = act(refresh);
    return () => clearInterval(timer);
  },
};
