// The formulas page: submit a formula (checked line by line before it is sent), follow it until the
// processor has published it, and list the recent ones.
import '../../lib/header.ts';
import { ApiError, api, byId } from '#web/lib/api.ts';
import { formatNumber, timeElement } from '#web/lib/locale.ts';
import { busy, cell, FormErrors, fillTable, showIn } from '#web/lib/ui.ts';
import { type MaterialLine, parseMaterials } from './materials.ts';

interface Formula {
  id: string;
  name: string;
  status: 'queued' | 'processed';
  materials: { name: string; concentration: string }[];
  total: string;
  created_at: string;
  delivery_count: number | null;
}
interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

const POLL_MS = 1000;
const POLLS = 30;
const form = byId<HTMLFormElement>('formula-form');
const nameInput = byId<HTMLInputElement>('name');
const materialsInput = byId<HTMLTextAreaElement>('materials');
const rows = byId<HTMLTableSectionElement>('rows');
const result = byId<HTMLParagraphElement>('result');
const errors = new FormErrors(byId('error'));
const listError = showIn(byId('list-error'));

const refresh = async (): Promise<void> => {
  const page = await api<Page<Formula>>('/formulas?limit=20');
  byId('list-error').textContent = '';
  const trs = page.items.map((f) => {
    const tr = document.createElement('tr');
    tr.dataset.id = f.id;
    const materials = f.materials.map((m) => `${m.name} ${m.concentration}%`).join(', ');
    tr.append(
      cell(f.name),
      cell(materials),
      cell(f.total, true),
      cell(f.status),
      cell(f.delivery_count === null ? '' : formatNumber(f.delivery_count), true),
      cell(timeElement(f.created_at)),
    );
    return tr;
  });
  fillTable(rows, trs, 'No formulas yet: submit one above.');
};

/** The formula the message is about: a newer submission stops the older one's follow-up. */
let following: string | undefined;

/** Follows the formula until it leaves `queued`, keeping the message and the table up to date. */
const followUntilProcessed = async (id: string, name: string): Promise<void> => {
  following = id;
  for (let i = 0; i < POLLS; i++) {
    const formula = await api<Formula>(`/formulas/${encodeURIComponent(id)}`);
    if (following !== id) return;
    if (formula.status !== 'queued') {
      // The table first, so the message never says more than the table shows.
      await refresh();
      if (following === id) result.textContent = `“${name}” is ${formula.status} (id ${id}).`;
      return;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  if (following === id)
    result.textContent = `“${name}” is still queued after ${POLLS} seconds (id ${id}); Refresh shows it once processed.`;
};

// One key per submission: a retry of the same click replays the original answer instead of resubmitting.
let idempotencyKey = crypto.randomUUID();
materialsInput.addEventListener('input', () => (idempotencyKey = crypto.randomUUID()));
nameInput.addEventListener('input', () => (idempotencyKey = crypto.randomUUID()));

/** A server problem at `materials.<i>.<field>` names the line the material came from. */
const onLine = (lines: MaterialLine[], text: string): string =>
  text.replace(
    /\bmaterials\.(\d+)\.(\w+)/g,
    (_, i: string, field: string) => `line ${lines[Number(i)]?.line} (${field})`,
  );

const submit = async (): Promise<void> => {
  const { materials, problems } = parseMaterials(materialsInput.value);
  if (!nameInput.value.trim()) errors.field(nameInput, 'Give the formula a name.');
  if (problems.length) errors.field(materialsInput, problems.join('\n'));
  if (problems.length || !nameInput.value.trim()) return;
  const name = nameInput.value.trim();
  try {
    const body = { name, materials: materials.map(({ name, concentration }) => ({ name, concentration })) };
    const accepted = await api<Formula>('/formulas', {
      method: 'POST',
      headers: { 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    result.textContent = `“${name}” accepted (id ${accepted.id}): queued, waiting for the processor…`;
    void refresh().catch(listError);
    void followUntilProcessed(accepted.id, name).catch(listError);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'duplicate_formula') {
      errors.say(`The same make-up is already stored as formula ${String(err.extra.id)}; it was not added again.`);
      return;
    }
    errors.show(err, (path, message) => {
      const [field, index, property] = path;
      if (field === 'name') return [nameInput, `Name: ${message}`];
      if (field !== 'materials') return undefined;
      const line = index === undefined ? undefined : materials[Number(index)]?.line;
      const where = line === undefined ? 'Materials' : `Line ${line}${property ? ` (${property})` : ''}`;
      return [materialsInput, `${where}: ${onLine(materials, message)}`];
    });
  }
};

form.addEventListener('submit', (e) => {
  e.preventDefault();
  void busy(form, () => {
    errors.clear();
    result.textContent = '';
    following = undefined;
    return submit();
  });
});

const refreshButton = byId<HTMLButtonElement>('refresh');
refreshButton.addEventListener('click', () => void busy(refreshButton, refresh).catch(listError));
void refresh().catch(listError);
