// What a bulk job's view says beyond its counters, from the provider quota the workers share: whether the job
// waits for the provider (its quota has no turn soon, or it is down), when the job should finish, and whether
// its cities need more provider calls than a day of the quota allows. Pure: app/jobs.ts brings the job and
// the quota's shared state (store/quota-state.ts). Estimates count one provider call per city left, as
// Open-Meteo counts each location of a forecast: cities sharing a forecast cell or found in the cache make
// the real number smaller, so the figures are upper bounds.
import { LIMITS, type WaitingFor } from '../constants.ts';
import { type Bucket, buckets, maxWeight, nextTurn, type RateLimit } from './rate-schedule.ts';

/** The bulk workers' share of the provider's limits (the rest is kept for interactive lookups). */
export interface BulkQuota {
  readonly limits: readonly RateLimit[];
  readonly share: number;
}

/** The quota's shared state as the limiter and the circuit breaker keep it. */
export interface QuotaState {
  /** The bulk buckets' times (domain/rate-schedule.ts). */
  readonly tats: Readonly<Record<string, number>>;
  /** The provider's last Retry-After, as epoch ms. */
  readonly holdUntil: number;
  /** Epoch ms until which the circuit breaker stays open; 0 while closed (past it, a probe decides). */
  readonly circuitOpenUntil: number;
}

const DAY_SECONDS = 86_400;
/** A turn further away than this is a pause a person watching the job would see. */
const NOTICEABLE_WAIT_MS = 2000;

/** Provider calls a day the bulk share allows: the tightest limit, spread over a day. None: unlimited. */
export const dailyAllowance = ({ limits, share }: BulkQuota): number =>
  Math.min(
    ...limits.map(({ calls, seconds }) => Math.floor((Math.max(1, Math.floor(calls * share)) * DAY_SECONDS) / seconds)),
  );

/** Said when `cities` need more provider calls than a day of the quota allows; undefined when they do not. */
export const quotaWarning = (cities: number, quota: BulkQuota): string | undefined => {
  const allowance = dailyAllowance(quota);
  if (cities <= allowance) return undefined;
  const count = (n: number) => n.toLocaleString('en-US');
  return (
    `Up to ${count(cities)} cities need up to ${count(cities)} provider calls; the provider's quota leaves ` +
    `imports ${count(allowance)} a day, so this job takes about ${(cities / allowance).toFixed(1)} days.`
  );
};

/**
 * Why the workers pause, if they do: the circuit is not closed (open, or half-open until a probe is answered),
 * or a full forecast request has no turn soon.
 */
export const waitingFor = (quota: BulkQuota, state: QuotaState, now: number): WaitingFor | undefined => {
  if (state.circuitOpenUntil !== 0) return 'provider_outage';
  const list = buckets(quota.limits, quota.share);
  if (list.length === 0) return undefined;
  const fullCall = Math.min(LIMITS.forecastBatch, maxWeight(list));
  const turn = nextTurn(list, state.tats, fullCall, now, state.holdUntil);
  return turn.at - now > NOTICEABLE_WAIT_MS ? 'provider_quota' : undefined;
};

/**
 * The buckets' times, none before `now`. A time in the past means a full bucket, which nextTurn() takes as
 * it is for one call; for the many calls of an estimate, the bucket refills from now on, not from then.
 */
const fullFrom = (list: readonly Bucket[], tats: Readonly<Record<string, number>>, now: number) =>
  Object.fromEntries(list.map((b) => [b.key, Math.max(now, tats[b.key] ?? 0)]));

export interface Progress {
  readonly remaining: number;
  readonly processed: number;
  /** Epoch ms the job started. */
  readonly startedAt: number;
}

/**
 * When the job should finish (epoch ms): the later of its pace so far and the quota's turn for its remaining
 * calls after every turn already taken. Undefined before it has a pace and without limits.
 */
export const estimatedFinish = (
  { remaining, processed, startedAt }: Progress,
  quota: BulkQuota,
  state: QuotaState,
  now: number,
): number | undefined => {
  const byPace = processed > 0 ? now + (remaining * (now - startedAt)) / processed : undefined;
  const list = buckets(quota.limits, quota.share);
  const byQuota =
    list.length > 0 && remaining > 0
      ? nextTurn(
          list,
          fullFrom(list, state.tats, now),
          remaining,
          now,
          Math.max(state.holdUntil, state.circuitOpenUntil),
        ).at
      : undefined;
  const known = [byPace, byQuota].filter((t) => t !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
};

const NEWLINE = 0x0a;

/** At most how many cities a CSV holds, read before it is split: its lines after the header. */
export const csvRowsAtMost = (csv: Uint8Array): number => {
  let lines = csv.length > 0 && csv[csv.length - 1] !== NEWLINE ? 1 : 0;
  // indexOf searches natively: a 4 MB body in a few milliseconds, not a JavaScript loop over every byte.
  for (let at = csv.indexOf(NEWLINE); at !== -1; at = csv.indexOf(NEWLINE, at + 1)) lines++;
  return Math.max(0, lines - 1);
};
