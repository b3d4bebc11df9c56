// The math page: the sum-square difference with its tracked requests, and the Pythagorean triplet
// calculation (find by sum, or check three sides).
import '../../lib/header.ts';
import { api, byId } from '#web/lib/api.ts';
import { formatNumber, timeElement } from '#web/lib/locale.ts';
import { busy, cell, fillTable, FormErrors, showIn } from '#web/lib/ui.ts';

interface Tracked {
  occurrences: number;
  last_datetime: string | null;
  datetime: string;
}
interface DifferenceResult extends Tracked {
  number: number;
  value: number;
}
type Triplet = [number, number, number];
interface TripletResult extends Tracked {
  value: { is_triplet: boolean; triplet: Triplet | null; product: number | null; triplets: Triplet[] };
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

const rows = byId<HTMLTableSectionElement>('rows');
const times = (n: number): string => `${formatNumber(n)} time${n === 1 ? '' : 's'}`;

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
  const trs = all.map((r) => {
    const tr = document.createElement('tr');
    tr.dataset.number = String(r.input.number);
    tr.append(
      cell(String(r.input.number), true),
      cell(formatNumber(r.value), true),
      cell(formatNumber(r.occurrences), true),
      cell(timeElement(r.last_datetime)),
    );
    return tr;
  });
  fillTable(rows, trs, 'No requests yet: calculate one above.');
};

/**
 * Wires a form: on submit, clears its previous result and errors, checks that every field holds something,
 * and runs `request` with the form busy; a validation error lands beside the field its query name names.
 */
const calculator = (
  formId: string,
  output: HTMLElement,
  errorSlot: HTMLElement,
  request: (values: Record<string, string>) => Promise<string>,
): void => {
  const form = byId<HTMLFormElement>(formId);
  const errors = new FormErrors(errorSlot);
  const fields = [...form.querySelectorAll('input')];
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(form, async () => {
      errors.clear();
      output.textContent = '';
      const blank = fields.filter((f) => f.value.trim() === '');
      for (const f of blank) errors.field(f, `Enter a whole number from ${f.min} to ${formatNumber(Number(f.max))}.`);
      if (blank.length) return;
      try {
        output.textContent = await request(Object.fromEntries(fields.map((f) => [f.name, f.value.trim()])));
      } catch (err) {
        errors.show(err, ([name], message) => {
          const field = fields.find((f) => f.name === name);
          return field && [field, message];
        });
      }
    });
  });
};

calculator('difference-form', byId('result'), byId('error'), async ({ number }) => {
  const r = await api<DifferenceResult>(`/difference?number=${encodeURIComponent(number!)}`);
  void refresh().catch(showIn(byId('error')));
  return `n = ${r.number}: ${formatNumber(r.value)} (requested ${times(r.occurrences)})`;
});

const equation = ([a, b, c]: Triplet): string => `${a}² + ${b}² = ${c}²`;

calculator('sum-form', byId('triplet-result'), byId('triplet-error'), async ({ sum }) => {
  const r = (await api<TripletResult>(`/triplet?sum=${encodeURIComponent(sum!)}`)).value;
  if (!r.triplets.length) return `No Pythagorean triplet adds up to ${formatNumber(Number(sum))}.`;
  const list = r.triplets.map(equation).join('; ');
  return `a + b + c = ${formatNumber(Number(sum))}: ${list} (product of the first: ${formatNumber(r.product!)})`;
});

calculator('check-form', byId('triplet-result'), byId('triplet-error'), async (sides) => {
  const r = (await api<TripletResult>(`/triplet?${new URLSearchParams(sides)}`)).value;
  const given = `${sides.a}, ${sides.b}, ${sides.c}`;
  return r.triplet
    ? `${given} is a Pythagorean triplet: ${equation(r.triplet)} (product ${formatNumber(r.product!)}).`
    : `${given} is not a Pythagorean triplet.`;
});

void refresh().catch(showIn(byId('error')));
