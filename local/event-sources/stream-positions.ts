// How far each stream event source mapping has got in each shard, as Lambda keeps it for a mapping.
// With --persist it is written to a file after every settled batch (whole or not at all: a new file is
// renamed over the old), so a restart, even after kill -9, resumes after the last record delivered
// rather than replaying the stream from its start.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

type Positions = Record<string, Record<string, string>>;

const load = (file: string): Positions => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Positions;
  } catch {
    return {}; // first run
  }
};

export class StreamPositions {
  private readonly positions: Positions;

  /** Without a file, positions last as long as the sandbox. */
  constructor(private readonly file?: string) {
    this.positions = file ? load(file) : {};
  }

  /** The sequence number of the last record `mapping` settled in `shard`, if any. */
  get(mapping: string, shard: string): string | undefined {
    return this.positions[mapping]?.[shard];
  }

  set(mapping: string, shard: string, sequenceNumber: string): void {
    this.positions[mapping] = { ...this.positions[mapping], [shard]: sequenceNumber };
    if (!this.file) return;
    writeFileSync(`${this.file}.new`, JSON.stringify(this.positions));
    renameSync(`${this.file}.new`, this.file);
  }
}
