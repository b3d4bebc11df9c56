// The bulk import panel: sends the chosen CSV (posted when small, else PUT to a presigned URL), follows
// the job's counters with a progress bar (stopped, with the reason, if the job fails), then shows its summary
// and its paginated results.
import { api, ApiError, byId, messageOf } from '#web/lib/api.ts';
import { formatNumber, timeElement } from '#web/lib/locale.ts';
import { busy, cell, FormErrors, fillTable, showIn } from '#web/lib/ui.ts';

interface Job {
  job_id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number | null;
  processed: number;
  succeeded: number;
  failed: number;
  rejected_rows: number;
  error?: string;
  waiting_for: 'provider_quota' | 'provider_outage' | null;
  estimated_finish_at: string | null;
  quota_warning?: string;
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

/** `POST /bulk/import` takes bodies up to 4 MB (LIMITS.importBytes); larger files use a presigned upload. */
const POST_LIMIT_BYTES = 4 * 1024 * 1024;
const POLL_MS = 1000;
const PAGE_SIZE = 10;
const KEY_STORAGE = 'weather-api-key';

const form = byId<HTMLFormElement>('bulk-form');
const keyInput = byId<HTMLInputElement>('api-key');
const fileInput = byId<HTMLInputElement>('bulk-file');
const errors = new FormErrors(byId('bulk-error'));
const panel = byId<HTMLElement>('bulk-job');
const status = byId<HTMLParagraphElement>('bulk-status');
const progress = byId<HTMLProgressElement>('bulk-progress');
const outlook = byId<HTMLParagraphElement>('bulk-outlook');
const warning = byId<HTMLParagraphElement>('bulk-warning');
const summary = byId<HTMLElement>('bulk-summary');
const recent = byId<HTMLTableSectionElement>('bulk-recent');
const failures = byId<HTMLUListElement>('bulk-failures');
const rejected = byId<HTMLTableSectionElement>('bulk-rejected');
const filter = byId<HTMLSelectElement>('bulk-filter');
const results = byId<HTMLTableSectionElement>('bulk-results');
const resultsError = showIn(byId('bulk-results-error'));
const more = byId<HTMLButtonElement>('bulk-more');

let jobId: string | undefined;
let cursor: string | null = null;
keyInput.value = sessionStorage.getItem(KEY_STORAGE) ?? '';

const keyed = <T>(path: string, init: RequestInit = {}): Promise<T> =>
  api<T>(path, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-api-key': keyInput.value } });
const row = (...cells: HTMLTableCellElement[]): HTMLTableRowElement => {
  const tr = document.createElement('tr');
  tr.append(...cells);
  return tr;
};
/** A right-aligned cell for a number the API may leave out. */
const num = (n: number | undefined, digits = 0): HTMLTableCellElement =>
  cell(n === undefined ? '' : formatNumber(n, digits), true);

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
  const put = await fetch(upload_url, { method: 'PUT', body: file }).catch(() => undefined);
  if (!put?.ok) {
    const why = put ? `HTTP ${put.status}` : 'storage could not be reached';
    throw new ApiError(put?.status ?? 0, 'upload_failed', `The file could not be uploaded (${why}). Try again.`);
  }
  return job_id;
};

const STATUS = { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed' } as const;
const WAITING = {
  provider_quota: "Waiting for the weather provider's quota.",
  provider_outage: 'Waiting for the weather provider to answer again.',
} as const;

/** Why a running job pauses and when it should finish; empty otherwise. */
const showOutlook = (job: Job): void => {
  const finish = job.estimated_finish_at ? ['Expected to finish by ', timeElement(job.estimated_finish_at), '.'] : [];
  outlook.replaceChildren(...(job.waiting_for ? [WAITING[job.waiting_for], ' '] : []), ...finish);
  warning.textContent = job.quota_warning ?? '';
};
const showProgress = (job: Job): void => {
  const of =
    job.total === null ? 'reading the file…' : `${formatNumber(job.processed)} of ${formatNumber(job.total)} cities`;
  const counts = `${formatNumber(job.succeeded)} succeeded, ${formatNumber(job.failed)} failed, ${formatNumber(job.rejected_rows)} rows rejected`;
  status.textContent = `${STATUS[job.status]}: ${of} (${counts})`;
  // No total yet: an indeterminate bar (no value attribute).
  if (job.total === null) progress.removeAttribute('value');
  else progress.value = job.total === 0 ? 1 : job.processed / job.total;
  showOutlook(job);
};

/** Stops the bar where it is (an indeterminate one at empty) and marks it failed. */
const stopProgress = (): void => {
  if (!progress.hasAttribute('value')) progress.value = 0;
  progress.classList.add('failed');
};

const loadResults = async (reset: boolean): Promise<void> => {
  const query = new URLSearchParams({
    limit: String(PAGE_SIZE),
    ...(filter.value ? { status: filter.value } : {}),
    ...(!reset && cursor ? { cursor } : {}),
  });
  const page = await keyed<Page<CityResult>>(`/bulk/jobs/${jobId}/results?${query}`);
  byId('bulk-results-error').textContent = '';
  const trs = page.items.map((r) =>
    row(
      cell(r.city),
      cell(r.status),
      num(r.temperature_c, 1),
      cell(r.condition ?? ''),
      num(r.humidity),
      cell(r.error ?? ''),
    ),
  );
  if (reset) fillTable(results, trs, filter.value ? `No ${filter.value} cities.` : 'No cities.');
  else results.append(...trs);
  cursor = page.next_cursor;
  more.hidden = cursor === null;
};

const showSummary = async (): Promise<void> => {
  const s = await keyed<Summary>(`/bulk/jobs/${jobId}/summary?top=10`);
  fillTable(
    recent,
    s.recent.map((r) =>
      row(
        cell(r.city),
        cell(r.status),
        num(r.temperature_c, 1),
        cell(r.condition ?? ''),
        cell(timeElement(r.refreshed_at)),
      ),
    ),
    'No city was refreshed.',
  );
  const codes = Object.entries(s.failures_by_error);
  failures.replaceChildren(
    ...(codes.length ? codes.map(([code, n]) => `${code}: ${formatNumber(n)}`) : ['None.']).map((text) =>
      Object.assign(document.createElement('li'), { textContent: text }),
    ),
  );
  fillTable(
    rejected,
    s.rejected_examples.map((r) => row(cell(String(r.line), true), cell(r.reason), cell(r.raw))),
    'No row was rejected.',
  );
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
    if (job.status === 'failed') {
      stopProgress();
      errors.say(`The import failed: ${job.error ?? 'no reason was given'}.`);
      return;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
};

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const file = fileInput.files?.[0];
  void busy(form, async () => {
    errors.clear();
    if (!keyInput.value) errors.field(keyInput, 'Enter the API key.');
    if (!file) errors.field(fileInput, 'Choose a CSV file.');
    if (!file || !keyInput.value) return;
    sessionStorage.setItem(KEY_STORAGE, keyInput.value);
    // The previous job's panel goes: what shows from now on is this file's.
    jobId = undefined;
    summary.hidden = true;
    progress.removeAttribute('value');
    progress.classList.remove('failed');
    status.textContent = 'Uploading…';
    panel.hidden = false;
    try {
      jobId = await upload(file);
    } catch (err) {
      panel.hidden = true;
      if (err instanceof ApiError && err.code === 'invalid_api_key') errors.field(keyInput, err.message);
      else errors.show(err);
      return;
    }
    // The form is free again once the file is in: following the job needs no button.
    void follow(jobId).catch((err) => {
      stopProgress();
      errors.say(`Lost track of the import: ${messageOf(err)}`);
    });
  });
});

filter.addEventListener('change', () => void loadResults(true).catch(resultsError));
more.addEventListener('click', () => void busy(more, () => loadResults(false).catch(resultsError)));
