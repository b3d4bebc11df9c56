import { api, byId } from '../../lib/api.ts';

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
interface Problem {
  detail: string;
  code: string;
  id?: string;
}

const form = byId<HTMLFormElement>('formula-form');
const nameInput = byId<HTMLInputElement>('name');
const materialsInput = byId<HTMLTextAreaElement>('materials');
const rows = byId<HTMLTableSectionElement>('rows');
const result = byId<HTMLParagraphElement>('result');
const error = byId<HTMLParagraphElement>('error');

const cell = (text: string): HTMLTableCellElement => Object.assign(document.createElement('td'), { textContent: text });

/** `name, 15.5` lines; concentrations stay strings so they reach the API exactly as typed. */
const parseMaterials = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const comma = line.lastIndexOf(',');
      return comma < 0
        ? { name: line, concentration: '' }
        : { name: line.slice(0, comma).trim(), concentration: line.slice(comma + 1).trim() };
    });

const refresh = async (): Promise<Formula[]> => {
  const page = await api<Page<Formula>>('/formulas?limit=20');
  rows.replaceChildren(
    ...page.items.map((f) => {
      const tr = document.createElement('tr');
      tr.dataset.id = f.id;
      const materials = f.materials.map((m) => `${m.name} ${m.concentration}%`).join(', ');
      tr.append(
        cell(f.name),
        cell(materials),
        cell(f.total),
        cell(f.status),
        cell(String(f.delivery_count ?? '')),
        cell(f.created_at),
      );
      return tr;
    }),
  );
  return page.items;
};

/** Refreshes until the formula leaves `queued` (a few seconds at most), so the status change shows. */
const followUntilProcessed = async (id: string): Promise<void> => {
  for (let i = 0; i < 10; i++) {
    const items = await refresh();
    if (items.find((f) => f.id === id)?.status !== 'queued') return;
    await new Promise((r) => setTimeout(r, 1000));
  }
};

// One key per submission: a retry of the same click replays the original answer instead of resubmitting.
let idempotencyKey = crypto.randomUUID();
materialsInput.addEventListener('input', () => (idempotencyKey = crypto.randomUUID()));
nameInput.addEventListener('input', () => (idempotencyKey = crypto.randomUUID()));

const submit = async (): Promise<void> => {
  const response = await fetch('/formulas', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify({ name: nameInput.value, materials: parseMaterials(materialsInput.value) }),
  });
  const body = (await response.json()) as Formula & Problem;
  if (response.status === 202) {
    result.textContent = `Accepted: ${body.id} (${body.status})`;
    await followUntilProcessed(body.id);
  } else if (body.code === 'duplicate_formula') {
    result.textContent = `Already submitted as ${String(body.id)}.`;
  } else {
    error.textContent = `${body.detail} (${body.code})`;
  }
};

form.addEventListener('submit', (e) => {
  e.preventDefault();
  error.textContent = '';
  result.textContent = '';
  submit().catch((err: unknown) => (error.textContent = String(err)));
});

byId<HTMLButtonElement>('refresh').addEventListener(
  'click',
  () => void refresh().catch((err: unknown) => (error.textContent = String(err))),
);
void refresh().catch((err: unknown) => (error.textContent = String(err)));
