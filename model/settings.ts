// The app-wide part of the manifest: defaults every deployment starts from. `cdk deploy -c ...`
// overrides the limits and the CORS origins (infra/context.ts); the sandbox applies the same settings.
import type { AppSettings } from './manifest.ts';

export const settings: AppSettings = {
  cors: {
    // None: CloudFront serves the pages and the API under one origin, as the sandbox does. Other sites'
    // pages get the API through `cdk deploy -c corsOrigins=https://a.example,...` (docs/security.md).
    allowOrigins: [],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    // idempotency-key: the formulas page retries a submission under the same key.
    allowHeaders: ['content-type', 'authorization', 'x-api-key', 'idempotency-key'],
    maxAgeSeconds: 600,
  },
  // Far above what the UI and the smoke test need; low enough that a runaway client costs little.
  stageThrottle: { rateLimit: 50, burstLimit: 100 },
  alarms: {
    // Two of the last three five-minute periods.
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    functionFailurePercent: 5,
    maxApi5xxPerFiveMinutes: 4,
    accountConcurrencyPercent: 80,
    // A queue whose consumer keeps up; a queue that fills in bursts says its own (expectedBacklogSeconds).
    oldestMessageAgeSeconds: 15 * 60,
    streamIteratorAgeSeconds: 5 * 60,
  },
  retention: { logDays: 30, uploadsDays: 7, accessLogDays: 90 },
};
