import { api, ApiError, byId } from '../../lib/api.ts';
// The bulk import panel runs on its own.
import './bulk.ts';

interface Weather {
  city: string;
  temperature_c: number;
  condition: string;
  humidity: number;
  observed_at: string;
  source: string;
  cached: boolean;
}
interface HistoryEntry extends Weather {
  searched_at: string;
}
interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

const PAGE_SIZE = 20;
const form = byId<HTMLFormElement>('weather-form');
const input = byId<HTMLInputElement>('city');
const result = byId<HTMLParagraphElement>('result');
const error = byId<HTMLParagraphElement>('error');
const rows = byId<HTMLTableSectionElement>('rows');
const more = byId<HTMLButtonElement>('more');
const clear = byId<HTMLButtonElement>('clear');
// Clearing everyone's history takes the API key, entered in the bulk import form.
const apiKey = byId<HTMLInputElement>('api-key');
let cursor: string | null = null;

const cell = (text: string): HTMLTableCellElement => Object.assign(document.createElement('td'), { textContent: text });
const show = (err: unknown): void => {
  error.textContent = err instanceof ApiError ? `${err.message} (${err.code})` : String(err);
};

const row = (h: HistoryEntry): HTMLTableRowElement => {
  const tr = document.createElement('tr');
  tr.append(
    cell(h.city),
    cell(String(h.temperature_c)),
    cell(h.condition),
    cell(String(h.humidity)),
    cell(h.cached ? 'yes' : 'no'),
    cell(h.searched_at),
  );
  return tr;
};

/** Loads the next page of the history (or the first, replacing the table). */
const loadHistory = async (reset: boolean): Promise<void> => {
  const query = !reset && cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
  const page = await api<Page<HistoryEntry>>(`/history?limit=${PAGE_SIZE}${query}`);
  if (reset) rows.replaceChildren();
  rows.append(...page.items.map(row));
  cursor = page.next_cursor;
  more.hidden = cursor === null;
};

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  error.textContent = '';
  try {
    const w = await api<Weather>(`/weather?city=${encodeURIComponent(input.value)}`);
    result.textContent = `${w.city}: ${w.temperature_c} °C, ${w.condition}, humidity ${w.humidity}% (observed ${w.observed_at}, ${w.cached ? 'from the cache' : `from ${w.source}`})`;
    await loadHistory(true);
  } catch (err) {
    show(err);
  }
});

more.addEventListener('click', () => void loadHistory(false).catch(show));
clear.addEventListener(
  'click',
  () =>
    void api('/history', { method: 'DELETE', headers: { 'x-api-key': apiKey.value } })
      .then(() => loadHistory(true))
      .catch(show),
);

void loadHistory(true).catch(show);
