// Facts derived from the manifest that the stack and the sandbox must agree on.
import { API_ROUTES_ENV, bucketEnv, queueUrlEnv, secretEnv, tableEnv } from './env.ts';
import { API_KEY_SECRET, CURSOR_KEY_SECRET, USER_SESSIONS_TABLE } from './constants.ts';
import type {
  AppManifest,
  AuthMode,
  CorsSettings,
  FunctionDef,
  QueueDef,
  QueueTrigger,
  RouteDef,
  TableAccess,
  TriggerDef,
} from './manifest.ts';

export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_MEMORY_MB = 512;
/** Bundles are ESM, but CommonJS dependencies inside them still call require(): the stack and the sandbox add this. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

/** Extensions of the built UI's files (web/build.ts). */
const UI_EXTENSIONS = ['html', 'js', 'css', 'map'] as const;
/** The UI's pages, web/pages/<page>/: a constant, since Lambda bundles import this file (a test checks the folder). */
export const UI_PAGES = ['docs', 'formulas', 'math', 'mouse', 'palettes', 'weather'] as const;

/**
 * The one rule that splits paths between the UI and the API, in CloudFront and in the sandbox alike:
 * `/`, a page (`/mouse/`) and a path ending in a UI file's extension are the UI's, every other path
 * the API's. So `/formulas/` is the page and `/formulas/main.js` its script, while `/formulas`,
 * `/formulas/{id}` and `/bulk/jobs/` are the API's. No route may end like a UI file or be a page.
 */
export const isUiPath = (path: string): boolean =>
  path === '/' || UI_PAGES.some((p) => path === `/${p}/`) || UI_EXTENSIONS.some((e) => path.endsWith(`.${e}`));

/**
 * A page's path without its slash (`/docs`) where no route has that path: both runtimes answer GET and HEAD
 * there with a 302 to the page (`/docs/`), as a static site does; `/formulas` stays the API's list.
 */
export const pageRedirects = (routes: readonly Pick<RouteDef, 'path'>[]): string[] =>
  UI_PAGES.map((p) => `/${p}`).filter((path) => !routes.some((r) => r.path === path));

/** The same rule as CloudFront path patterns (`*` matches across `/`); `/` is redirected to `/index.html` there. */
export const UI_PATH_PATTERNS: readonly string[] = [
  ...UI_PAGES.map((p) => `/${p}/`),
  ...UI_EXTENSIONS.map((e) => `*.${e}`),
];

/** Whether the API answers other origins at all: by default the pages share its origin and need no CORS. */
export const corsEnabled = (cors: CorsSettings): boolean => cors.allowOrigins.length > 0;

/**
 * The CORS headers the gateway adds to a response for a request from `origin` (a preflight's too), as the
 * sandbox sends them: none without an allowed origin.
 */
export const corsHeaders = (
  cors: CorsSettings,
  origin: string | undefined,
  preflight: boolean,
): Record<string, string> => {
  const allowed = cors.allowOrigins.includes('*') ? '*' : cors.allowOrigins.find((o) => o === origin);
  if (!origin || !allowed) return {};
  return {
    'access-control-allow-origin': allowed,
    ...(allowed === '*' ? {} : { vary: 'origin' }),
    ...(preflight && {
      'access-control-allow-methods': cors.allowMethods.join(','),
      'access-control-allow-headers': cors.allowHeaders.join(','),
      'access-control-max-age': String(cors.maxAgeSeconds),
    }),
  };
};

/** A trigger reading an SQS queue (the rest read DynamoDB streams). */
export const isQueueTrigger = (t: TriggerDef): t is QueueTrigger => t.source.type === 'sqs';

export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>): string => `${route.method} ${route.path}`;
/** The route key API Gateway gives the catch-all route, in its events too. */
export const DEFAULT_ROUTE_KEY = '$default';
export const dlqName = (queue: QueueDef): string =>
  queue.fifo ? `${queue.name.replace(/\.fifo$/, '')}-dlq.fifo` : `${queue.name}-dlq`;

/** Physical names of the resources, as the runtime provides them. */
export interface ResourceNames {
  table(name: string): string;
  queueUrl(name: string): string;
  bucket(name: string): string;
  secretId(name: string): string;
}

const servesRoute = (app: AppManifest, fn: FunctionDef, auth: AuthMode): boolean =>
  app.routes.some((r) => r.function === fn.name && r.contract.auth === auth);

/** A list route: its query takes a `cursor` (shared/pagination.ts's pageQuery). */
const paginates = (route: RouteDef): boolean =>
  'cursor' in ((route.contract.query as { shape?: object } | undefined)?.shape ?? {});

/** Secrets a function reads: its own, the API key when it serves an api-key route, the cursor key when it lists. */
export const functionSecrets = (app: AppManifest, fn: FunctionDef): string[] => {
  const routes = app.routes.filter((r) => r.function === fn.name);
  return [
    ...new Set([
      ...(fn.secrets ?? []),
      ...(servesRoute(app, fn, 'api-key') ? [API_KEY_SECRET] : []),
      ...(routes.some(paginates) ? [CURSOR_KEY_SECRET] : []),
    ]),
  ];
};

const mergeAccess = (a: TableAccess | undefined, b: TableAccess): TableAccess =>
  a === undefined || a === b ? b : 'readwrite';

/** Tables a function uses: its own, plus read of the sessions (token) table when it serves a user route. */
export const functionTables = (app: AppManifest, fn: FunctionDef): Record<string, TableAccess> => {
  const tables: Record<string, TableAccess> = { ...fn.tables };
  if (servesRoute(app, fn, 'user')) tables[USER_SESSIONS_TABLE] = mergeAccess(tables[USER_SESSIONS_TABLE], 'read');
  return tables;
};

/** The environment a function gets: one variable per granted resource (and the route keys for the catch-all). */
export const functionEnvironment = (
  app: AppManifest,
  fn: FunctionDef,
  names: ResourceNames,
): Record<string, string> => {
  const env: Record<string, string> = {
    POWERTOOLS_SERVICE_NAME: fn.name,
    ...fn.environment,
  };
  for (const t of Object.keys(functionTables(app, fn))) env[tableEnv(t)] = names.table(t);
  for (const q of Object.keys(fn.queues ?? {})) env[queueUrlEnv(q)] = names.queueUrl(q);
  for (const b of Object.keys(fn.buckets ?? {})) env[bucketEnv(b)] = names.bucket(b);
  for (const s of functionSecrets(app, fn)) env[secretEnv(s)] = names.secretId(s);
  if (app.defaultRoute?.function === fn.name) {
    // The catch-all tells 404 from 405 with the route keys alone (about 1 KB, well inside Lambda's
    // 4 KB of environment), not with the whole manifest.
    env[API_ROUTES_ENV] = JSON.stringify(app.routes.map(routeKey));
  }
  return env;
};
