// The console API's plumbing: its routes, JSON in and out, errors as `{"detail","code"}`, and the guard
// that keeps other web pages from driving it through the developer's browser.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '#shared/errors.ts';
import { matchPath } from '#model/route-path.ts';
import { parseOrThrow } from '#shared/http/validation.ts';
import * as z from '#model/zod.ts';

export const notFound = (what: string): AppError => new AppError(404, 'not_found', `no ${what}`);

/** The manifest's table or bucket called `name`, or a 404 naming `what` was not found. */
export const named = <T extends { readonly name: string }>(list: readonly T[], what: string, name?: string): T => {
  const found = list.find((item) => item.name === name);
  if (!found) throw notFound(`${what} ${name}`);
  return found;
};

export interface Request {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The JSON body, checked against `schema`. */
  body<T>(schema: z.ZodMiniType<T>): Promise<T>;
}

/** A handler answers JSON, or undefined when it wrote the response itself (a stream, a download). */
export type Handler = (request: Request) => Promise<unknown>;

export type Routes = Readonly<Record<string, Handler>>;

export const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body, jsonReplacer);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(text);
};

/** Sets become lists and binary becomes base64, so that any DynamoDB item or event can be shown. */
const jsonReplacer = (_key: string, value: unknown): unknown => {
  if (value instanceof Set) return [...value];
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
};

const MAX_BODY_BYTES = 64 * 1024;

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AppError(413, 'too_large', 'request body over 64 kB');
    chunks.push(chunk as Buffer);
  }
  try {
    return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown) : {};
  } catch {
    throw new AppError(400, 'invalid_json', 'the body is not JSON');
  }
};

const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * The sandbox listens on loopback, yet any page open in the developer's browser can send requests there.
 * A Host other than loopback is a DNS-rebinding page; a change from another origin is a cross-site request.
 */
const guard = (req: IncomingMessage): void => {
  const host = req.headers.host ?? '';
  if (!LOOPBACK_HOST.test(host)) throw new AppError(403, 'forbidden', 'the console answers loopback hosts only');
  const origin = req.headers.origin;
  const reads = req.method === 'GET' || req.method === 'HEAD';
  if (!reads && origin !== undefined && origin !== `http://${host}`)
    throw new AppError(403, 'forbidden', 'changes come from the console page only');
};

/** Answers one request under `base` from `routes` (keys like `GET /tables/{name}`). */
export const dispatch = async (routes: Routes, base: string, req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://local');
  const path = url.pathname.slice(base.length) || '/';
  try {
    guard(req);
    for (const [key, handler] of Object.entries(routes)) {
      const [method, template] = key.split(' ') as [string, string];
      const params = method === req.method ? matchPath(template, path) : undefined;
      if (!params) continue;
      const body = async <T>(schema: z.ZodMiniType<T>): Promise<T> => parseOrThrow(schema, await readJson(req), 'body');
      const answer = await handler({ params, query: url.searchParams, req, res, body });
      if (answer !== undefined) sendJson(res, 200, answer);
      return;
    }
    throw new AppError(404, 'not_found', `no console route ${req.method} ${path}`);
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    if (error instanceof AppError) return sendJson(res, error.statusCode, { detail: error.message, code: error.code });
    // A backend's refusal (an unknown table, an invalid key) is the request's problem, not the console's.
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    if (status && status >= 400 && status < 500)
      return sendJson(res, status === 404 ? 404 : 400, { detail: e.message, code: e.name });
    console.error('[sandbox console]', error);
    sendJson(res, 500, { detail: e.message, code: 'internal_error' });
  }
};

/** Opaque page cursors: a DynamoDB LastEvaluatedKey or an S3 continuation token, as base64url JSON. */
export const encodeCursor = (value: unknown): string | null =>
  value === undefined ? null : Buffer.from(JSON.stringify(value)).toString('base64url');

export const decodeCursor = <T>(cursor: string | null): T | undefined => {
  if (!cursor) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    throw new AppError(400, 'invalid_cursor', 'the cursor is not one this console gave');
  }
};

/** A page size from `?limit=`: 1 to 100, default 25. */
export const pageSize = (query: URLSearchParams): number => {
  const limit = Number(query.get('limit') ?? 25);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new AppError(400, 'validation_error', 'limit: an integer from 1 to 100');
  return limit;
};

/** What deletes and purges carry: the name of what they empty, typed again by the developer. */
export const confirmation = (name: string) =>
  z.object({ confirm: z.literal(name, { error: `type "${name}" to confirm` }) });
