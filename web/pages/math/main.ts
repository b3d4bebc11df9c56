import { api, ApiError, byId } from '../../lib/api.ts';

interface DifferenceResult {
  number: number;
  value: number;
  occurrences: number;
  last_datetime: string | null;
  datetime: string;
}
interface RequestRow {
  input: { number: number };
  value: number;
  occurrences: number;
  last_datetime: string;
}
interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

const form = byId<HTMLFormElement>('difference-form');
const input = byId<HTMLInputElement>('number');
const rows = byId<HTMLTableSectionElement>('rows');
const error = byId<HTMLParagraphElement>('error');
const result = byId<HTMLParagraphElement>('result');

const cell = (text: string): HTMLTableCellElement => Object.assign(document.createElement('td'), { textContent: text });

/** Reloads the table from the tracked requests, following cursors to the end. */
const refresh = async (): Promise<void> => {
  const all: RequestRow[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<RequestRow> = await api(`/calculations/difference/requests?limit=100${query}`);
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  rows.replaceChildren(
    ...all.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.number = String(r.input.number);
      tr.append(
        cell(String(r.input.number)),
        cell(String(r.value)),
        cell(String(r.occurrences)),
        cell(r.last_datetime),
      );
      return tr;
    }),
  );
};

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  error.textContent = '';
  try {
    const r = await api<DifferenceResult>(`/difference?number=${encodeURIComponent(input.value)}`);
    result.textContent = `n = ${r.number}: ${r.value} (requested ${r.occurrences} time${r.occurrences === 1 ? '' : 's'})`;
    await refresh();
  } catch (err) {
    error.textContent = err instanceof ApiError ? `${err.message} (${err.code})` : String(err);
  }
});

void refresh().catch((err: unknown) => (error.textContent = String(err)));
