// Browser-side API helper: JSON in and out. Every failure, the network's and a non-JSON answer's included,
// is an `ApiError` whose message is a sentence a person can act on.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    /** The error body's other fields (a 409's `id`, say). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

const UNREACHABLE = 'Could not reach the server. Check the connection (is the sandbox running?) and try again.';

export const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  let response: Response;
  let text: string;
  try {
    response = await fetch(path, { ...init, headers });
    text = await response.text();
  } catch {
    throw new ApiError(0, 'network_error', UNREACHABLE);
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(
      response.status,
      'bad_response',
      `The server sent an unexpected answer (HTTP ${response.status}).`,
    );
  }
  if (!response.ok) {
    const { detail, code } = (body ?? {}) as { detail?: string; code?: string };
    throw new ApiError(
      response.status,
      code ?? 'http_error',
      detail ?? `The request failed (HTTP ${response.status}).`,
    );
  }
  return body as T;
};

/** One problem of a `validation_error` detail (`query.number: must be an integer; …`), path split off. */
export interface Issue {
  readonly path: string[];
  readonly message: string;
}

/** The issues of a validation error, or a single pathless one for any other error. */
export const issuesOf = (err: unknown): Issue[] => {
  const message = messageOf(err);
  if (!(err instanceof ApiError) || err.code !== 'validation_error') return [{ path: [], message }];
  return message.split('; ').map((part) => {
    const match = /^([\w.]+): (.*)$/s.exec(part);
    return match ? { path: match[1]!.split('.').slice(1), message: match[2]! } : { path: [], message: part };
  });
};

/** A sentence for any error: the API's own detail, else a general one (the exception goes to the console). */
export const messageOf = (err: unknown): string => {
  if (err instanceof ApiError) return err.message;
  console.error(err);
  return 'Something went wrong on this page. Reload it and try again.';
};

/** Finds an element that the page's HTML must contain. */
export const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
};
