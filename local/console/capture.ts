// What the sandbox console shows of an invocation beyond the invoker's record: the event, the result or
// error, and the log lines the function wrote meanwhile. Only references and raw lines are kept (nothing
// is serialised or parsed on the invocation's path), for the last invocations and lines only.
import type { PayloadObserver } from '../invoker.ts';

export interface Payload {
  readonly event: unknown;
  readonly result?: unknown;
  readonly error?: string;
}

interface LogLine {
  readonly fn: string;
  readonly at: number;
  readonly text: string;
}

/** Log lines leave a worker through a stream, so the last of them can arrive just after its result. */
const LATE_LINE_MS = 250;

export class Capture {
  private readonly payloads = new Map<string, Payload>();
  private readonly lines: (LogLine | undefined)[];
  private nextLine = 0;

  constructor(
    private readonly maxPayloads = 200,
    maxLines = 5000,
  ) {
    this.lines = new Array<LogLine | undefined>(maxLines);
  }

  readonly payload: PayloadObserver = (requestId, event, outcome) => {
    this.payloads.set(requestId, { event, ...outcome });
    // A Map iterates in insertion order: the first key is the oldest.
    if (this.payloads.size > this.maxPayloads) this.payloads.delete(this.payloads.keys().next().value!);
  };

  /** A chunk of a function's stdout or stderr. */
  output(fn: string, chunk: Buffer): void {
    const at = Date.now();
    for (const text of chunk.toString('utf8').split('\n')) {
      if (!text) continue;
      this.lines[this.nextLine] = { fn, at, text };
      this.nextLine = (this.nextLine + 1) % this.lines.length;
    }
  }

  payloadOf(requestId: string): Payload | undefined {
    return this.payloads.get(requestId);
  }

  /**
   * The lines the function wrote while the invocation ran. A JSON line naming another request
   * (Powertools' function_request_id) belongs to a concurrent invocation and is left out.
   */
  linesOf(fn: string, requestId: string, from: number, to: number): string[] {
    const ordered = [...this.lines.slice(this.nextLine), ...this.lines.slice(0, this.nextLine)];
    return ordered
      .filter((l): l is LogLine => l !== undefined && l.fn === fn && l.at >= from && l.at <= to + LATE_LINE_MS)
      .filter((l) => {
        const other = /"function_request_id":"([^"]+)"/.exec(l.text)?.[1];
        return other === undefined || other === requestId;
      })
      .map((l) => l.text);
  }
}
