import type { RejectReason } from './csv-row.ts';

export interface RejectedRow {
  /** 1-based line number in the file (the header is line 1). */
  readonly line: number;
  readonly reason: RejectReason;
  readonly raw: string;
}

/** Counts every rejected row and keeps the first `keep` as examples: memory stays bounded. */
export class RejectTally {
  count = 0;
  readonly examples: RejectedRow[] = [];
  constructor(private readonly keep: number) {}

  add(row: RejectedRow): void {
    this.count++;
    if (this.examples.length < this.keep) this.examples.push({ ...row, raw: row.raw.slice(0, 200) });
  }
}
