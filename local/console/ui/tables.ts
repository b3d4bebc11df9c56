// The tables panel: each table's keys, indexes and item count; a table's items a page at a time, all or
// one partition (of the table or an index); an item as JSON; its delete behind a typed confirmation.
import { api, byId } from '#web/lib/api.ts';
import { act, confirmTyped, h, json, listRows, nextPage } from './dom.ts';

interface Key {
  readonly name: string;
  readonly type: string;
}

interface Table {
  readonly name: string;
  readonly partitionKey: Key;
  readonly sortKey: Key | null;
  readonly indexes: readonly { readonly name: string; readonly partitionKey: Key; readonly sortKey?: Key }[];
  readonly itemCount: number | null;
}

type Item = Record<string, unknown>;

const keyText = (k: Key | null | undefined): string => (k ? `${k.name} (${k.type})` : '');

const showItem = (item: Item): void => {
  byId('item-json').replaceChildren(h('h3', {}, 'Item'), json(item));
};

const remove = async (table: Table, item: Item): Promise<void> => {
  const key = Object.fromEntries(
    [table.partitionKey, table.sortKey].filter((k): k is Key => k !== null).map((k) => [k.name, item[k.name]]),
  );
  if (!(await confirmTyped(`Delete the item ${JSON.stringify(key)} from ${table.name}?`, table.name))) return;
  await api(`api/tables/${table.name}/items`, {
    method: 'DELETE',
    body: JSON.stringify({ confirm: table.name, key }),
  });
  byId('item-json').replaceChildren(h('p', { role: 'status' }, `Deleted ${JSON.stringify(key)}.`));
  byId<HTMLFormElement>('item-query').requestSubmit();
};

const loadItems = async (table: Table, cursor?: string): Promise<void> => {
  const form = byId<HTMLFormElement>('item-query');
  const query = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (v) query.set(k, String(v));
  if (cursor) query.set('cursor', cursor);
  const page = await api<{ items: Item[]; cursor: string | null }>(`api/tables/${table.name}/items?${query}`);
  const keyNames = [table.partitionKey.name, table.sortKey?.name].filter((n): n is string => n !== undefined);
  byId('item-rows').replaceChildren(
    ...page.items.map((item) =>
      h(
        'tr',
        { 'data-key': JSON.stringify(keyNames.map((k) => item[k])) },
        ...keyNames.map((k) => h('td', { class: 'mono' }, String(item[k]))),
        h('td', { class: 'mono clip' }, JSON.stringify(item)),
        h(
          'td',
          { class: 'actions' },
          h('button', { type: 'button', class: 'secondary', onclick: () => showItem(item) }, 'View'),
          h('button', { type: 'button', class: 'danger', onclick: act(() => remove(table, item)) }, 'Delete'),
        ),
      ),
    ),
  );
  byId('item-status').textContent = `${page.items.length} item(s) on this page`;
  byId('item-pages').replaceChildren(
    nextPage(
      page.cursor,
      act((next: string) => loadItems(table, next)),
    ) ?? '',
  );
};

const browse = (table: Table): void => {
  const keyNames = [table.partitionKey.name, table.sortKey?.name].filter((n): n is string => n !== undefined);
  const form = h(
    'form',
    { id: 'item-query', class: 'toolbar' },
    h(
      'label',
      {},
      'Index',
      h(
        'select',
        { name: 'index' },
        h('option', { value: '' }, 'table'),
        ...table.indexes.map((i) => h('option', {}, i.name)),
      ),
    ),
    h('label', {}, 'Partition key', h('input', { name: 'pk', placeholder: 'empty: every item' })),
    h('label', {}, 'Sort key', h('input', { name: 'sk', placeholder: 'optional' })),
    h('button', { type: 'submit' }, 'Find'),
  );
  form.onsubmit = (e) => {
    e.preventDefault();
    act(loadItems)(table);
  };
  byId('items-view').replaceChildren(
    h('h2', {}, `Items of ${table.name}`),
    form,
    h('p', { id: 'item-status', class: 'muted', role: 'status' }),
    h(
      'div',
      { class: 'split' },
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ...keyNames.map((k) => h('th', {}, k)), h('th', {}, 'Item'), h('th', {}))),
          h('tbody', { id: 'item-rows' }),
        ),
        h('div', { id: 'item-pages' }),
      ),
      h('aside', { id: 'item-json', 'aria-live': 'polite' }),
    ),
  );
  act(loadItems)(table);
};

export const tablesPanel = {
  show: (): undefined =>
    listRows<Table>('api/tables', 'table-rows', (t) =>
      h(
        'tr',
        { 'data-table': t.name },
        h('td', {}, t.name),
        h('td', {}, keyText(t.partitionKey)),
        h('td', {}, keyText(t.sortKey)),
        h('td', {}, t.indexes.map((i) => `${i.name}: ${keyText(i.partitionKey)} ${keyText(i.sortKey)}`).join('; ')),
        h('td', { class: 'num' }, t.itemCount ?? ''),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => browse(t) }, 'Browse')),
      ),
    ),
};
