// Builds the API Gateway HTTP API (payload format 2.0) event for a request, and maps a handler's result
// back to an HTTP response, following the documented rules of that format.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteMatch } from './router.ts';

// API Gateway passes these bodies as text; anything else arrives base64-encoded.
const TEXT_TYPES = [/^text\//, /^application\/(json|xml|javascript|x-www-form-urlencoded)/, /\+(json|xml)/];
const isText = (contentType: string | undefined): boolean =>
  contentType !== undefined && TEXT_TYPES.some((r) => r.test(contentType));

/** Lowercase names, repeated headers joined with commas; cookies are lifted out as API Gateway does. */
const collectHeaders = (raw: readonly string[]): { headers: Record<string, string>; cookies: string[] } => {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
};

const collectQuery = (rawQuery: string): Record<string, string> | undefined => {
  const params = new URLSearchParams(rawQuery);
  const query: Record<string, string> = {};
  for (const [k, v] of params) query[k] = k in query ? `${query[k]},${v}` : v;
  return Object.keys(query).length > 0 ? query : undefined;
};

// API Gateway's request ids look like "KZ4s1jR0IAMEbYQ=".
const requestId = (): string => `${randomBytes(10).toString('base64').slice(0, 14)}=`;

const clf = (d: Date): string => {
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
};

export const toApiEvent = (
  req: IncomingMessage,
  body: Buffer,
  match: RouteMatch,
  host: string,
): APIGatewayProxyEventV2 => {
  const url = new URL(req.url ?? '/', 'http://local');
  const rawQueryString = url.search.replace(/^\?/, '');
  const { headers, cookies } = collectHeaders(req.rawHeaders);
  const now = new Date();
  const { routeKey } = match;
  const queryStringParameters = collectQuery(rawQueryString);
  const text = isText(headers['content-type']);
  const id = requestId();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers: { ...headers, 'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1', 'x-forwarded-proto': 'http' },
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: id,
      routeKey,
      stage: '$default',
      time: clf(now),
      timeEpoch: now.getTime(),
    },
    ...(Object.keys(match.pathParameters).length > 0 ? { pathParameters: match.pathParameters } : {}),
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !text,
  };
};

export interface HttpReply {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/**
 * Payload 2.0 response rules: a result with `statusCode` is used as given (base64 bodies decoded,
 * cookies become Set-Cookie); any other value is a 200 JSON body (a string is sent as is).
 */
export const fromHandlerResult = (result: unknown): HttpReply => {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const r = result as {
      statusCode: number;
      headers?: Record<string, string>;
      body?: string;
      isBase64Encoded?: boolean;
      cookies?: string[];
    };
    const headers: Record<string, string | string[]> = Object.fromEntries(
      Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    if (r.cookies?.length) headers['set-cookie'] = r.cookies;
    return {
      statusCode: r.statusCode,
      headers,
      body: Buffer.from(r.body ?? '', r.isBase64Encoded ? 'base64' : 'utf8'),
    };
  }
  const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
};
