// What the math use cases are given, built once per execution environment on first use (so importing a
// handler reads no environment). One builder per function, each with only the store it calls.
import { documentClient } from '#shared/clients/dynamodb.ts';
import { tableName } from '#shared/config.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';
import { lazy } from '#shared/lazy.ts';
import { MATH_REQUESTS_TABLE } from '../constants.ts';
import { requestLister, requestTracker } from '../store/index.ts';

const requestsTable = (): TableConfig => ({ db: documentClient(), table: tableName(MATH_REQUESTS_TABLE) });

// Marked pure so that a function's bundle keeps only the builder its handler calls.
export const trackerDeps = /* @__PURE__ */ lazy(() => ({ store: requestTracker(requestsTable()) }));
export const listerDeps = /* @__PURE__ */ lazy(() => ({ store: requestLister(requestsTable()) }));
