// The embedded S3 endpoint the functions get (so the one presigned URLs name): a pass-through in front of
// fauxqs, which answers no CORS and has no hook into its HTTP server. It answers preflights as S3 does
// from the buckets' CORS rules (model/bucket-cors.ts) and adds S3's CORS headers to the requests a rule
// allows; everything else goes to fauxqs unchanged, bodies streamed both ways.
import { Agent, createServer, type IncomingHttpHeaders, request, type ServerResponse } from 'node:http';
import type { CorsRule } from '#model/bucket-cors.ts';
import { listen } from './http/server.ts';
import { corsAnswer } from './s3-cors.ts';

export interface S3Front {
  readonly url: string;
  stop(): Promise<void>;
}

const NOT_ENABLED = 'CORSResponse: CORS is not enabled for this bucket.';
const NOT_ALLOWED =
  'CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request ' +
  "method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";

const s3Error = (res: ServerResponse, status: number, code: string, message: string): void => {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
};

/** Headers of one hop only: the front has its own connections on each side (and answers 100-continue). */
const endToEnd = (headers: IncomingHttpHeaders): IncomingHttpHeaders => {
  const { connection: _c, 'keep-alive': _k, expect: _e, ...rest } = headers;
  return rest;
};

/** Path-style URLs (`/<bucket>/<key>`), as the sandbox's clients and presigner make them. */
const bucketOf = (url = '/'): string => url.split(/[/?]/)[1] ?? '';

/** `rules`: each bucket's CORS rules by its name; a bucket without any answers every preflight 403. */
export const startS3Front = async (
  target: string,
  rules: ReadonlyMap<string, readonly CorsRule[]>,
): Promise<S3Front> => {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    const bucketRules = rules.get(bucketOf(req.url)) ?? [];
    const { origin } = req.headers;
    const preflightMethod = req.headers['access-control-request-method'];
    if (req.method === 'OPTIONS' && origin !== undefined && preflightMethod !== undefined) {
      const headers = (req.headers['access-control-request-headers'] ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean);
      const allowed = corsAnswer(bucketRules, { origin, method: preflightMethod, headers });
      if (!allowed) return s3Error(res, 403, 'AccessForbidden', bucketRules.length ? NOT_ALLOWED : NOT_ENABLED);
      res.writeHead(200, allowed);
      res.end();
      return;
    }
    const cors =
      origin === undefined ? {} : corsAnswer(bucketRules, { origin, method: req.method ?? 'GET', headers: [] });
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: endToEnd(req.headers),
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...endToEnd(answer.headers), ...cors });
        answer.pipe(res);
      },
    );
    forward.on('error', () => (res.headersSent ? res.destroy() : s3Error(res, 502, 'BadGateway', 'fauxqs failed')));
    // The client gone (or the sandbox stopping): the request to fauxqs goes too.
    res.on('close', () => {
      if (!res.writableFinished) forward.destroy();
    });
    req.pipe(forward);
  });
  const port = await listen(server, 0);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
};
