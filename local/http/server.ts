// The HTTP API: turns each request into a payload 2.0 event for the matching route's function, and
// serves the built web UI on the paths CloudFront sends to the UI bucket; what neither matches goes to
// the `$default` route's function when the app has one. Responses the gateway itself produces (a path
// that does not decode, no route and no $default, a failed function, too large a body) use API
// Gateway's own `{"message"}` bodies.
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { corsEnabled, corsHeaders, DEFAULT_ROUTE_KEY, isUiPath, pageRedirects } from '#model/derive.ts';
import type { CorsSettings, DefaultRouteDef, RouteDef } from '#model/manifest.ts';
import { securityHeaders } from '#model/security-headers.ts';
import type { Invoker } from '../invoker.ts';
import { fromHandlerResult, toApiEvent } from './api-event.ts';
import { createRouter, type RouteMatch } from './router.ts';
import type { Throttles } from './throttle.ts';

/** API Gateway's payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

type Headers = Readonly<Record<string, string>>;

const gatewayReply = (res: ServerResponse, status: number, message: string, headers: Headers): void => {
  res.writeHead(status, { ...headers, 'content-type': 'application/json' });
  res.end(JSON.stringify({ message }));
};

class BodyTooLarge extends Error {}

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

interface StaticEntry {
  readonly file: string;
  readonly info: Stats;
}

/** Whether every percent-escape of the path is well formed and decodes to UTF-8 (lone surrogates do not). */
const decodes = (path: string): boolean => {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
};

/** The built UI's file or directory at `path` (a path that decodes), if any; never outside the web root. */
const lookupStatic = async (webRoot: string, path: string): Promise<StaticEntry | undefined> => {
  const file = normalize(join(webRoot, decodeURIComponent(path)));
  // The separator matters: `/web/dist-old` starts with `/web/dist` too.
  if (file !== webRoot && !file.startsWith(webRoot.endsWith(sep) ? webRoot : webRoot + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info && { file, info };
};

const sendFile = (file: string, res: ServerResponse, headers: Headers): void => {
  res.writeHead(200, {
    ...headers,
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(res);
};

/** Serves a UI path as CloudFront does from the web bucket: a page's index.html, a file as is, else 404. */
const serveUi = async (
  webRoot: string | undefined,
  path: string,
  res: ServerResponse,
  headers: Headers,
): Promise<void> => {
  const entry =
    webRoot === undefined ? undefined : await lookupStatic(webRoot, path.endsWith('/') ? `${path}index.html` : path);
  if (entry?.info.isFile()) return sendFile(entry.file, res, headers);
  gatewayReply(res, 404, 'Not Found', headers);
};

export interface HttpServerOptions {
  readonly routes: readonly RouteDef[];
  readonly defaultRoute?: DefaultRouteDef | undefined;
  readonly invoker: Invoker;
  /** The built UI's folder; none for an app without pages (test fixtures). */
  readonly webRoot?: string | undefined;
  /** The stage and route throttles (throttle.ts). */
  readonly throttles: Throttles;
  readonly cors: CorsSettings;
  /** Where presigned upload URLs point (the sandbox's S3), allowed by the pages' CSP as AWS's S3 is. */
  readonly uploadOrigin: string;
  /** The sandbox console (local/console): everything under its prefix goes to it, never to a function. */
  readonly console?: { readonly prefix: string; handle(req: IncomingMessage, res: ServerResponse): Promise<void> };
}

export const createHttpServer = ({
  routes,
  defaultRoute,
  invoker,
  webRoot,
  throttles,
  cors,
  uploadOrigin,
  console: panel,
}: HttpServerOptions): Server => {
  // What CloudFront's response headers policy adds to every response of the origin.
  const security = securityHeaders(uploadOrigin);
  const router = createRouter(routes);
  const redirects = new Set(pageRedirects(routes));
  const fallback: RouteMatch | undefined = defaultRoute && {
    routeKey: DEFAULT_ROUTE_KEY,
    function: defaultRoute.function,
    pathParameters: {},
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = req.method ?? 'GET';
    const preflight = method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    // CloudFront's headers policy, and the gateway's CORS headers for an allowed origin (none by default).
    const headers = { ...security, ...corsHeaders(cors, req.headers.origin, preflight) };
    const reply = (status: number, message: string): void => gatewayReply(res, status, message, headers);
    // A malformed percent-escape is the client's mistake, refused before any routing.
    if (!decodes(url.pathname)) return reply(400, 'Bad Request');
    if (panel && `${url.pathname}/`.startsWith(`${panel.prefix}/`)) {
      // The console's pages live under the same Content-Security-Policy as the app's.
      for (const [name, value] of Object.entries(security)) res.setHeader(name, value);
      return panel.handle(req, res);
    }
    // HTTP API CORS: when configured, the gateway answers preflights itself unless a route catches
    // OPTIONS, as $default does (it catches every method).
    if (preflight && corsEnabled(cors) && !fallback) {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    // The UI/API split CloudFront makes (isUiPath): `/formulas/` and `/formulas/main.js` are the
    // page, `/formulas` and `/formulas/{id}` the API (its routes, then $default).
    const read = method === 'GET' || method === 'HEAD';
    if (isUiPath(url.pathname) && read) return serveUi(webRoot, url.pathname, res, security);
    if (webRoot && read && redirects.has(url.pathname)) {
      res.writeHead(302, { ...security, location: `${url.pathname}/` });
      res.end();
      return;
    }
    let match = router.match(method, url.pathname);
    if (match === undefined) {
      // Without $default, HTTP APIs answer an unknown route and an unknown method alike.
      if (!fallback) return reply(404, 'Not Found');
      match = fallback;
    }
    if (!throttles.admit(match.routeKey)) return reply(429, 'Too Many Requests');
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) return reply(413, 'Request Entity Too Large');
      throw error;
    }
    const event = toApiEvent(req, body, match, req.headers.host ?? 'localhost');
    let result: unknown;
    try {
      result = await invoker.invokeHttp(match.function, match.routeKey, event);
    } catch {
      // The function failed or timed out: the gateway hides the details, as in AWS.
      return reply(500, 'Internal Server Error');
    }
    const answer = fromHandlerResult(result);
    res.writeHead(answer.statusCode, {
      ...headers,
      ...answer.headers,
      'apigw-requestid': event.requestContext.requestId,
      'content-length': String(answer.body.length),
    });
    res.end(answer.body);
  };

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[sandbox] request failed', error);
      if (!res.headersSent) gatewayReply(res, 500, 'Internal Server Error', security);
      else res.destroy();
    });
  });
};

/** Listens on the port, turning "port in use" into one clear line. */
export const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} is already in use. Stop the other process or pick another port: PORT=3001 npm start`,
            )
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
