// What the math handlers need, each built on its first use and kept for the execution environment:
// importing a handler reads no environment. `@__PURE__` lets a bundle drop the ones its handler never calls.
import { documentClient } from '#shared/clients/dynamodb.ts';
import { tableName } from '#shared/config.ts';
import { lazy } from '#shared/lazy.ts';
import { REQUESTS_TABLE } from '../constants.ts';
import { type RequestsTable, requestLister, requestTracker } from '../store/index.ts';

const requests = (): RequestsTable => ({ db: documentClient(), table: tableName(REQUESTS_TABLE) });

export const tracking = /* @__PURE__ */ lazy(() => ({ store: requestTracker(requests()) }));
export const listing = /* @__PURE__ */ lazy(() => ({ store: requestLister(requests()) }));
