// The sandbox console at /_sandbox/: a page and its API over what the sandbox runs (invocations, queues,
// tables, buckets, faults and the simulated provider, metrics). Served by the sandbox's HTTP server on its own
// (loopback) address, never deployed and absent from the OpenAPI document.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ResolvedApp } from '#model/manifest.ts';
import type { Resources } from '../resources.ts';
import type { Backends } from '../start-backends.ts';
import type { Functions } from '../start-functions.ts';
import { bucketRoutes } from './buckets.ts';
import { faultRoutes } from './faults.ts';
import { dispatch } from './http.ts';
import { invocationRoutes } from './invocations.ts';
import { pageServer } from './page.ts';
import { queueRoutes } from './queues.ts';
import { tableRoutes } from './tables.ts';

export const CONSOLE_PREFIX = '/_sandbox';
const API = `${CONSOLE_PREFIX}/api`;

export interface ConsoleDeps {
  readonly app: ResolvedApp;
  readonly functions: Functions;
  readonly resources: Resources;
  readonly backends: Backends;
  /** What the functions were given: where the simulated provider they call listens. */
  readonly env: Readonly<Record<string, string>>;
}

export const createConsole = ({ app, functions, resources, backends, env }: ConsoleDeps) => {
  const { clients, fauxqs, name } = backends;
  const routes = {
    ...invocationRoutes(functions.invoker.log, functions.capture, functions.logs.lines),
    // Summed as CloudWatch would extract them from the functions' EMF lines (local/function-logs.ts).
    'GET /metrics': async () => ({ items: functions.logs.metrics() }),
    ...queueRoutes({ queues: resources.queues, sqs: clients.sqs, fauxqs, name }),
    ...tableRoutes({ tables: app.tables, dynamo: DynamoDBDocumentClient.from(clients.dynamo), name }),
    ...bucketRoutes({ buckets: app.buckets, s3: clients.s3, name }),
    ...faultRoutes({
      functions: app.functions.map((f) => f.name),
      faults: functions.faults,
      providerUrl: env.WEATHER_PROVIDER_URL,
    }),
  };
  const page = pageServer();

  return {
    prefix: CONSOLE_PREFIX,
    handle: async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const path = new URL(req.url ?? '/', 'http://local').pathname;
      if (path === CONSOLE_PREFIX) {
        res.writeHead(302, { location: `${CONSOLE_PREFIX}/` });
        return void res.end();
      }
      if (`${path}/`.startsWith(`${API}/`)) return dispatch(routes, API, req, res);
      if (req.method === 'GET' && (await page(path.slice(CONSOLE_PREFIX.length), res))) return;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: `no console page ${path}`, code: 'not_found' }));
    },
  };
};
