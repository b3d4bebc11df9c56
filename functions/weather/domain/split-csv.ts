// Streams a CSV of cities: row by row through csv-parse (never the whole file in memory), rejecting
// bad rows, deduping by city key and handing distinct cities on in batches.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { MissingCityColumnError } from '../errors.ts';
import { validateRow } from './csv-row.ts';
import { RejectTally } from './rejects.ts';

export interface SplitCity {
  readonly key: string;
  readonly city: string;
}

export interface SplitResult {
  /** Distinct valid cities. */
  readonly total: number;
  readonly duplicates: number;
  readonly rejects: RejectTally;
}

export interface SplitOptions {
  readonly batchSize: number;
  readonly keepRejected: number;
  readonly onBatch: (batch: readonly SplitCity[]) => Promise<void>;
  /** Batches handed on at once; reading pauses while this many are pending (backpressure). Default 1. */
  readonly concurrency?: number;
}

export const splitCsv = async (
  input: Readable,
  { batchSize, keepRejected, onBatch, concurrency = 1 }: SplitOptions,
): Promise<SplitResult> => {
  const rejects = new RejectTally(keepRejected);
  // Keys only: a few dozen bytes per distinct city, the one thing that grows with the file.
  const seen = new Set<string>();
  let duplicates = 0;
  let batch: SplitCity[] = [];
  // Pending batches; the first failure is kept and rethrown (never left as an unhandled rejection).
  const pending = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const dispatch = async (cities: readonly SplitCity[]): Promise<void> => {
    const sending: Promise<void> = onBatch(cities)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => pending.delete(sending));
    pending.add(sending);
    if (pending.size >= concurrency) await Promise.race(pending);
    if (failure) throw failure.error;
  };
  const parser = input.pipe(
    parse({
      columns: (header: string[]) => {
        const columns = header.map((h) => h.trim().toLowerCase());
        if (!columns.includes('city')) throw new MissingCityColumnError(header);
        return columns;
      },
      bom: true,
      relax_column_count: true,
      info: true,
      raw: true,
      // A row csv-parse cannot read (a stray quote) is rejected like any other bad row.
      skip_records_with_error: true,
      on_skip: (error, raw) => {
        rejects.add({ line: Number(error?.lines ?? 0), reason: 'malformed_row', raw: raw ?? '' });
        return undefined;
      },
    }),
  );
  // Errors of the source (S3 body) do not cross pipe(); forward them so the loop below throws.
  input.on('error', (error) => parser.destroy(error));
  for await (const { record, raw, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    raw: string;
    info: { lines: number };
  }>) {
    const verdict = validateRow(record);
    if (!verdict.ok) {
      rejects.add({ line: info.lines, reason: verdict.reason, raw: raw.trimEnd() });
      continue;
    }
    if (seen.has(verdict.key)) {
      duplicates++;
      continue;
    }
    seen.add(verdict.key);
    batch.push({ key: verdict.key, city: verdict.city });
    if (batch.length === batchSize) {
      await dispatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await dispatch(batch);
  await Promise.all(pending);
  if (failure) throw failure.error;
  return { total: seen.size, duplicates, rejects };
};
