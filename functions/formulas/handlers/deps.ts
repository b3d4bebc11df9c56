// What the formulas use cases that reach the table are given, built once per execution environment on
// first use (so importing a handler reads no environment). One builder per kind of function, each with only
// the store it calls. The queue's functions have theirs in queue-deps.ts: the SDK clients' modules run code
// when imported, so a file naming both clients brings both into every bundle (formulas-relay: +70 kB).
import { documentClient } from '#shared/clients/dynamodb.ts';
import { tableName } from '#shared/config.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';
import { lazy } from '#shared/lazy.ts';
import { FORMULAS_TABLE } from '../constants.ts';
import { formulaLister, formulaReader, formulaWriter, statusUpdater } from '../store/index.ts';

const formulasTable = (): TableConfig => ({ db: documentClient(), table: tableName(FORMULAS_TABLE) });

// Marked pure so that a function's bundle keeps only the builder its handler calls.
export const formulaWriterDeps = /* @__PURE__ */ lazy(() => ({ store: formulaWriter(formulasTable()) }));
export const formulaReaderDeps = /* @__PURE__ */ lazy(() => ({ store: formulaReader(formulasTable()) }));
export const formulaListerDeps = /* @__PURE__ */ lazy(() => ({ store: formulaLister(formulasTable()) }));
export const processDeps = /* @__PURE__ */ lazy(() => ({ store: statusUpdater(formulasTable()) }));
