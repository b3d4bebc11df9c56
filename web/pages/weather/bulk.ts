// The bulk import panel: sends the chosen CSV (posted when small, else PUT to a presigned URL), follows
// the job's counters with a progress bar, then shows its summary and its paginated results.
import { api, ApiError, byId } from '../../lib/api.ts';
import { formatNumber } from '../../lib/locale.ts';

interface Job {
  job_id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number | null;
  processed: number;
  succeeded: number;
  failed: number;
  rejected_rows: number;
  error?: string;
}
interface CityResult {
  city: string;
  status: string;
  refreshed_at: string;
  temperature_c?: number;
  condition?: string;
  humidity?: number;
  error?: string;
}
interface Summary {
  job: Job;
  recent: CityResult[];
  failures_by_error: Record<string, number>;
  rejected_examples: { line: number; reason: string; raw: string }[];
}
interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** `POST /bulk/import` takes bodies up to 5 MB (LIMITS.importBytes); larger files use a presigned upload. */
const POST_LIMIT_BYTES = 5 * 1024 * 1024;
const POLL_MS = 1000;
const PAGE_SIZE = 10;
const KEY_STORAGE = 'weather-api-key';

const form = byId<HTMLFormElement>('bulk-form');
const keyInput = byId<HTMLInputElement>('api-key');
const fileInput = byId<HTMLInputElement>('bulk-file');
const error = byId<HTMLParagraphElement>('bulk-error');
const panel = byId<HTMLElement>('bulk-job');
const status = byId<HTMLParagraphElement>('bulk-status');
const progress = byId<HTMLProgressElement>('bulk-progress');
const summary = byId<HTMLElement>('bulk-summary');
const recent = byId<HTMLTableSectionElement>('bulk-recent');
const failures = byId<HTMLUListElement>('bulk-failures');
const rejected = byId<HTMLTableSectionElement>('bulk-rejected');
const filter = byId<HTMLSelectElement>('bulk-filter');
const results = byId<HTMLTableSectionElement>('bulk-results');
const more = byId<HTMLButtonElement>('bulk-more');

let jobId: string | undefined;
let cursor: string | null = null;
keyInput.value = sessionStorage.getItem(KEY_STORAGE) ?? '';

const keyed = <T>(path: string, init: RequestInit = {}): Promise<T> =>
  api<T>(path, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-api-key': keyInput.value } });
const show = (err: unknown): void => {
  error.textContent = err instanceof ApiError ? `${err.message} (${err.code})` : String(err);
};
const cells = (...texts: (string | number | undefined)[]): HTMLTableRowElement => {
  const tr = document.createElement('tr');
  tr.append(
    ...texts.map((t) => Object.assign(document.createElement('td'), { textContent: t === undefined ? '' : String(t) })),
  );
  return tr;
};

const upload = async (file: File): Promise<string> => {
  if (file.size <= POST_LIMIT_BYTES) {
    return (
      await keyed<{ job_id: string }>('/bulk/import', {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: file,
      })
    ).job_id;
  }
  const { job_id, upload_url } = await keyed<{ job_id: string; upload_url: string }>('/bulk/uploads', {
    method: 'POST',
  });
  const put = await fetch(upload_url, { method: 'PUT', body: file });
  if (!put.ok) throw new Error(`The upload was refused (HTTP ${put.status}).`);
  return job_id;
};

const showProgress = (job: Job): void => {
  const of =
    job.total === null ? 'reading the file…' : `${formatNumber(job.processed)} of ${formatNumber(job.total)} cities`;
  status.textContent = `${job.status}: ${of} (${formatNumber(job.succeeded)} succeeded, ${formatNumber(job.failed)} failed, ${formatNumber(job.rejected_rows)} rows rejected)${job.error ? ` ${job.error}` : ''}`;
  // No total yet: an indeterminate bar (no value attribute).
  if (job.total === null) progress.removeAttribute('value');
  else progress.value = job.total === 0 ? 1 : job.processed / job.total;
};

const loadResults = async (reset: boolean): Promise<void> => {
  const query = new URLSearchParams({
    limit: String(PAGE_SIZE),
    ...(filter.value ? { status: filter.value } : {}),
    ...(!reset && cursor ? { cursor } : {}),
  });
  const page = await keyed<Page<CityResult>>(`/bulk/jobs/${jobId}/results?${query}`);
  if (reset) results.replaceChildren();
  results.append(...page.items.map((r) => cells(r.city, r.status, r.temperature_c, r.condition, r.humidity, r.error)));
  cursor = page.next_cursor;
  more.hidden = cursor === null;
};

const showSummary = async (): Promise<void> => {
  const s = await keyed<Summary>(`/bulk/jobs/${jobId}/summary?top=10`);
  recent.replaceChildren(...s.recent.map((r) => cells(r.city, r.status, r.temperature_c, r.condition, r.refreshed_at)));
  const codes = Object.entries(s.failures_by_error);
  failures.replaceChildren(
    ...(codes.length ? codes : [['none', 0] as const]).map(([code, n]) =>
      Object.assign(document.createElement('li'), { textContent: `${code}: ${n}` }),
    ),
  );
  rejected.replaceChildren(...s.rejected_examples.map((r) => cells(r.line, r.reason, r.raw)));
  await loadResults(true);
  summary.hidden = false;
};

/** Polls the job until it ends; a newer import started meanwhile stops this loop. */
const follow = async (id: string): Promise<void> => {
  for (;;) {
    const job = await keyed<Job>(`/bulk/jobs/${id}`);
    if (id !== jobId) return;
    showProgress(job);
    if (job.status === 'done') return showSummary();
    if (job.status === 'failed') return;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
};

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  error.textContent = '';
  const file = fileInput.files?.[0];
  if (!file) return;
  sessionStorage.setItem(KEY_STORAGE, keyInput.value);
  try {
    summary.hidden = true;
    jobId = await upload(file);
    panel.hidden = false;
    await follow(jobId);
  } catch (err) {
    show(err);
  }
});

filter.addEventListener('change', () => void loadResults(true).catch(show));
more.addEventListener('click', () => void loadResults(false).catch(show));
