// What the functions that weigh a job against the provider's quota are given: POST /bulk/import (its warning)
// and a job's view (app/jobs.ts: when it waits, when it should finish). A module of its own, like
// provider-deps.ts: the provider's configuration runs code when imported (its schema), which every other
// function would otherwise bundle.
import { lazy } from '#shared/lazy.ts';
import { QUOTA_TABLE } from '../constants.ts';
import { bulkQuota, readProviderConfig } from '../store/provider/config.ts';
import { quotaStateReader } from '../store/quota-state.ts';
import { importDeps, jobDeps, jobResultsDeps, table } from './deps.ts';

const quotaDeps = () => ({
  quota: bulkQuota(readProviderConfig()),
  quotaState: quotaStateReader(table(QUOTA_TABLE)),
});

// Marked pure so that a function's bundle keeps only the builder its handler calls.
export const quotaImportDeps = /* @__PURE__ */ lazy(() => ({
  ...importDeps(),
  quota: bulkQuota(readProviderConfig()),
}));
export const jobViewDeps = /* @__PURE__ */ lazy(() => ({ ...jobDeps(), ...quotaDeps() }));
export const jobSummaryDeps = /* @__PURE__ */ lazy(() => ({ ...jobResultsDeps(), ...quotaDeps() }));
