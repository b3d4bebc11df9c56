// Browser-side API helper: JSON in and out, errors surfaced as `ApiError` with the server's code.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

export const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const response = await fetch(path, { ...init, headers });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const { detail, code } = (body ?? {}) as { detail?: string; code?: string };
    throw new ApiError(response.status, code ?? 'http_error', detail ?? `HTTP ${response.status}`);
  }
  return body as T;
};

/** Finds an element that the page's HTML must contain. */
export const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
};
