// The faults panel's API: the sandbox's own fault injection per function (the harness's inject(), here
// for a number of invocations or until cleared) and the simulated weather provider's switches, through
// the control endpoint it already has.
import type { Faults } from '../faults.ts';
import * as z from '#model/zod.ts';
import { AppError } from '#shared/errors.ts';
import { notFound, type Routes } from './http.ts';

export interface FaultDeps {
  readonly functions: readonly string[];
  readonly faults: Faults;
  /** The simulated weather provider the functions call, if they call one. */
  readonly providerUrl: string | undefined;
}

const armSchema = z.object({
  function: z.string(),
  kind: z.enum(['throw', 'throw-after', 'timeout', 'partial']),
  /** Invocations (or records, for partial) it applies to; absent: until cleared. */
  times: z.optional(z.int().check(z.positive())),
});

/** The provider's own `/__control` body: switches to set, scripted failures, a reset. */
const providerSchema = z.object({
  set: z.optional(z.record(z.string(), z.unknown())),
  failNext: z.optional(
    z.object({ count: z.int().check(z.positive()), status: z.int(), retryAfterSeconds: z.optional(z.int()) }),
  ),
  hangNext: z.optional(z.int().check(z.positive())),
  reset: z.optional(z.boolean()),
});

export const faultRoutes = ({ functions, faults, providerUrl }: FaultDeps): Routes => {
  const list = () => ({
    functions,
    active: faults.active().map(({ fault, remaining }) => ({
      function: fault.function,
      kind: fault.kind,
      remaining: Number.isFinite(remaining) ? remaining : null,
      matching: fault.match !== undefined,
    })),
  });
  const control = async (body: unknown): Promise<unknown> => {
    if (!providerUrl) throw notFound('simulated provider in this sandbox');
    const reply = await fetch(`${providerUrl}/__control`, { method: 'POST', body: JSON.stringify(body) });
    if (!reply.ok) throw new AppError(502, 'provider_error', `the provider answered ${reply.status}`);
    return reply.json();
  };

  return {
    'GET /faults': async () => list(),

    'POST /faults': async ({ body }) => {
      const arm = await body(armSchema);
      if (!functions.includes(arm.function)) throw notFound(`function ${arm.function}`);
      faults.add({ function: arm.function, kind: arm.kind, times: arm.times ?? Number.POSITIVE_INFINITY });
      return list();
    },

    'DELETE /faults/{function}': async ({ params }) => {
      if (!functions.includes(params.function ?? '')) throw notFound(`function ${params.function}`);
      faults.clear(params.function!);
      return list();
    },

    'GET /provider': async () => ({ url: providerUrl ?? null, ...((providerUrl ? await control({}) : {}) as object) }),

    'POST /provider': async ({ body }) => ({
      url: providerUrl,
      ...((await control(await body(providerSchema))) as object),
    }),
  };
};
