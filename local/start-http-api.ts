// Start-up step: the HTTP API (and the built UI, if any) on the port, closed at stop with its open connections.
import type { ResolvedApp } from '#model/manifest.ts';
import { createHttpServer, type HttpServerOptions, listen } from './http/server.ts';
import { deployedThrottles, UNTHROTTLED } from './http/throttle.ts';
import type { Invoker } from './invoker.ts';
import type { OnStop } from './stop-list.ts';

/** Resolves with the base URL once it listens. */
export const startHttpApi = async (
  app: ResolvedApp,
  {
    invoker,
    webRoot,
    throttled,
    s3Endpoint,
    console,
  }: Pick<HttpServerOptions, 'console'> & {
    invoker: Invoker;
    webRoot: string | undefined;
    throttled: boolean;
    s3Endpoint: string;
  },
  port: number,
  onStop: OnStop,
): Promise<string> => {
  const throttles = throttled ? deployedThrottles(app) : UNTHROTTLED;
  const server = createHttpServer({
    routes: app.routes,
    defaultRoute: app.defaultRoute,
    invoker,
    webRoot,
    throttles,
    cors: app.settings.cors,
    uploadOrigin: new URL(s3Endpoint).origin,
    console,
  });
  const listening = await listen(server, port);
  onStop(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${listening}`;
};
