// Deployment options from the CDK context (`cdk deploy -c name=value`), over the manifest's defaults
// (model/settings.ts). A malformed value fails synth with its name instead of deploying a surprise.
import { RemovalPolicy } from 'aws-cdk-lib';
import type { Node } from 'constructs';
import { DEFAULT_ACCOUNT_CONCURRENCY } from '#model/concurrency.ts';
import type { AppSettings, Throttle } from '#model/manifest.ts';

export interface DeployOptions {
  readonly settings: AppSettings;
  /** Replaces the given limits of every route the manifest throttles (the auth routes). */
  readonly routeThrottle: Partial<Throttle>;
  readonly tracing: boolean;
  /** Subscribed by email to the topic every alarm notifies. */
  readonly alarmEmail?: string;
  /** Adds an AWS Budgets monthly cost budget that notifies the alarm topic. */
  readonly monthlyBudgetUsd?: number;
  /** `destroy` (personal or dev accounts): tables and buckets go with the stack (removalPolicyOf). */
  readonly removal: 'retain' | 'destroy';
  /** The account's Lambda concurrency quota in the region: the concurrency budget is derived from it. */
  readonly accountConcurrency: number;
}

const positive = (key: string, raw: unknown): number | undefined => {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`Context '${key}' must be a positive number, got '${String(raw)}'`);
  return value;
};

const throttle = (get: (key: string) => unknown, rateKey: string, burstKey: string): Partial<Throttle> => {
  const [rateLimit, burstLimit] = [positive(rateKey, get(rateKey)), positive(burstKey, get(burstKey))];
  return { ...(rateLimit === undefined ? {} : { rateLimit }), ...(burstLimit === undefined ? {} : { burstLimit }) };
};

const accountConcurrency = (raw: unknown): number => {
  const value = positive('accountConcurrency', raw) ?? DEFAULT_ACCOUNT_CONCURRENCY;
  if (!Number.isInteger(value))
    throw new Error(`Context 'accountConcurrency' must be a whole number, got '${String(raw)}'`);
  return value;
};

/** `https://a.example,https://b.example`: each an origin (scheme, host, optional port), or `*`. */
const origins = (raw: unknown): string[] | undefined => {
  if (raw === undefined) return undefined;
  const list = String(raw)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of list)
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin))
      throw new Error(`Context 'corsOrigins' holds '${origin}', not an origin like https://app.example.com`);
  return list;
};

export const deployOptions = (node: Node, defaults: AppSettings): DeployOptions => {
  const get = (key: string): unknown => node.tryGetContext(key);
  const removal = get('removal') ?? 'retain';
  if (removal !== 'retain' && removal !== 'destroy')
    throw new Error(`Context 'removal' must be 'retain' or 'destroy', got '${String(removal)}'`);
  const alarmEmail = get('alarmEmail');
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+$/.test(String(alarmEmail)))
    throw new Error(`Context 'alarmEmail' is not an email address: '${String(alarmEmail)}'`);
  return {
    settings: {
      ...defaults,
      cors: { ...defaults.cors, allowOrigins: origins(get('corsOrigins')) ?? defaults.cors.allowOrigins },
      stageThrottle: { ...defaults.stageThrottle, ...throttle(get, 'throttleRate', 'throttleBurst') },
    },
    routeThrottle: throttle(get, 'authThrottleRate', 'authThrottleBurst'),
    tracing: String(get('tracing')) === 'true',
    alarmEmail: alarmEmail === undefined ? undefined : String(alarmEmail),
    monthlyBudgetUsd: positive('monthlyBudgetUsd', get('monthlyBudgetUsd')),
    removal,
    accountConcurrency: accountConcurrency(get('accountConcurrency')),
  };
};

/**
 * What becomes of the tables and buckets. `retain` keeps them when their stack is destroyed or drops
 * them (CloudFormation's RetainExceptOnCreate), but not when the deploy that created them fails: a
 * first deploy that rolls back leaves nothing behind to delete by hand or to collide with the retry.
 */
export const removalPolicyOf = (options: Pick<DeployOptions, 'removal'>): RemovalPolicy =>
  options.removal === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;
