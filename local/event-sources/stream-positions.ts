// How far each stream event source mapping has got in each shard, as Lambda keeps it for a mapping.
// With --persist it is written to a file after every settled batch, so a restart, even after kill -9,
// resumes after the last record delivered rather than replaying the stream from its start.
import { readJson, writeJson } from './json-file.ts';

type Positions = Record<string, Record<string, string>>;

export class StreamPositions {
  private readonly positions: Positions;

  /** Without a file, positions last as long as the sandbox. */
  constructor(private readonly file?: string) {
    this.positions = file ? readJson<Positions>(file, {}) : {};
  }

  /** The sequence number of the last record `mapping` settled in `shard`, if any. */
  get(mapping: string, shard: string): string | undefined {
    return this.positions[mapping]?.[shard];
  }

  set(mapping: string, shard: string, sequenceNumber: string): void {
    this.positions[mapping] = { ...this.positions[mapping], [shard]: sequenceNumber };
    if (this.file) writeJson(this.file, this.positions);
  }
}
