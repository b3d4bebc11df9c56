// What a job's view reads of the provider quota (app/jobs.ts QuotaDeps). A module of its own, like
// provider.ts, so that handlers that show no job do not bundle the provider's configuration (deps.ts).
import type { QuotaDeps } from '../app/jobs.ts';
import { QUOTA_TABLE } from '../constants.ts';
import { bulkQuota, readProviderConfig } from '../store/provider/config.ts';
import { quotaStateReader } from '../store/quota-state.ts';
import { table } from './deps.ts';

export const quotaDeps = (): QuotaDeps => ({
  quota: bulkQuota(readProviderConfig()),
  quotaState: quotaStateReader(table(QUOTA_TABLE)),
});
