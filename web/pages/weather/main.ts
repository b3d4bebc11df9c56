// The weather page: a lookup by city (its result replaced, never stacked, by the next one), the paginated
// search history and, in bulk.ts, the bulk import panel.
import '../../lib/header.ts';
import { api, byId } from '#web/lib/api.ts';
import { formatNumber, timeElement } from '#web/lib/locale.ts';
import { busy, cell, confirmAction, FormErrors, fillTable, showIn } from '#web/lib/ui.ts';
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
const errors = new FormErrors(byId('error'));
const rows = byId<HTMLTableSectionElement>('rows');
const historyError = byId('history-error');
const more = byId<HTMLButtonElement>('more');
const clear = byId<HTMLButtonElement>('clear');
// Clearing everyone's history takes the API key, entered in the bulk import form.
const apiKey = byId<HTMLInputElement>('api-key');
let cursor: string | null = null;

const row = (h: HistoryEntry): HTMLTableRowElement => {
  const tr = document.createElement('tr');
  tr.append(
    cell(h.city),
    cell(formatNumber(h.temperature_c, 1), true),
    cell(h.condition),
    cell(formatNumber(h.humidity), true),
    cell(h.cached ? 'yes' : 'no'),
    cell(timeElement(h.searched_at)),
  );
  return tr;
};

/** Loads the next page of the history (or the first, replacing the table). */
const loadHistory = async (reset: boolean): Promise<void> => {
  const query = !reset && cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
  const page = await api<Page<HistoryEntry>>(`/history?limit=${PAGE_SIZE}${query}`);
  historyError.textContent = '';
  const trs = page.items.map(row);
  if (reset) fillTable(rows, trs, 'No lookups yet: look up a city above.');
  else rows.append(...trs);
  cursor = page.next_cursor;
  more.hidden = cursor === null;
};

form.addEventListener('submit', (e) => {
  e.preventDefault();
  void busy(form, async () => {
    errors.clear();
    result.textContent = '';
    const city = input.value.trim();
    if (!city) return errors.field(input, 'Enter a city name, e.g. Lisbon.');
    try {
      const w = await api<Weather>(`/weather?city=${encodeURIComponent(city)}`);
      const source = w.cached ? 'from the cache' : `from ${w.source}`;
      result.replaceChildren(
        `${w.city}: ${formatNumber(w.temperature_c, 1)} °C, ${w.condition}, humidity ${formatNumber(w.humidity)} % ` +
          `(observed `,
        timeElement(w.observed_at),
        `, ${source})`,
      );
    } catch (err) {
      return errors.show(err, ([name], message) => (name === 'city' ? [input, message] : undefined));
    }
    await loadHistory(true).catch(showIn(historyError));
  });
});

apiKey.addEventListener('input', () => (historyError.textContent = ''));
more.addEventListener('click', () => void busy(more, () => loadHistory(false).catch(showIn(historyError))));

clear.addEventListener(
  'click',
  () =>
    void busy(clear, async () => {
      historyError.textContent = '';
      if (!apiKey.value) {
        historyError.textContent = 'Clearing the history takes the API key: enter it under Bulk import below.';
        apiKey.focus();
        return;
      }
      const text = 'Every lookup in the history goes, everyone’s, not only yours. This cannot be undone.';
      if (!(await confirmAction('Clear the whole history?', text, 'Clear history'))) return;
      await api('/history', { method: 'DELETE', headers: { 'x-api-key': apiKey.value } })
        .then(() => loadHistory(true))
        .catch(showIn(historyError));
    }),
);

void loadHistory(true).catch(showIn(historyError));
