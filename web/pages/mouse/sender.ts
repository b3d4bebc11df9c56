// Sends a session's pointer events in batches, in order: one batch in flight at a time, each with the
// next seq; a failed POST is retried with backoff (same seq, so a retry after a lost 202 is deduplicated);
// while the server is unreachable, events wait in a bounded buffer that drops the oldest.
import { api, ApiError, messageOf } from '#web/lib/api.ts';

export interface PointerSample {
  readonly x: number;
  readonly y: number;
  readonly t: number;
}

export interface SenderCounters {
  readonly sentBatches: number;
  readonly buffered: number;
  readonly dropped: number;
  readonly status: string;
}

const BATCH_EVERY_MS = 150;
const BATCH_EVENTS = 100;
/** The API's limit; used to catch up after an outage. */
const MAX_BATCH_EVENTS = 500;
const MAX_BUFFERED = 20_000;
const BACKOFF_MS = { first: 250, max: 5_000 };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** 408 and 429 are worth retrying; any other 4xx would fail again the same way. */
const retryable = (error: unknown): boolean =>
  !(error instanceof ApiError) || error.status >= 500 || error.status === 408 || error.status === 429;

export class BatchSender {
  private buffer: PointerSample[] = [];
  private seq = 0;
  private sending = false;
  private sentBatches = 0;
  private dropped = 0;
  private status = '';

  constructor(
    private readonly sessionId: string,
    private readonly onChange: (counters: SenderCounters) => void,
  ) {
    setInterval(() => void this.flush(), BATCH_EVERY_MS);
  }

  push(samples: readonly PointerSample[]): void {
    this.buffer.push(...samples);
    const excess = this.buffer.length - MAX_BUFFERED;
    if (excess > 0) {
      this.buffer.splice(0, excess);
      this.dropped += excess;
    }
    if (this.buffer.length >= BATCH_EVENTS) void this.flush();
    this.report();
  }

  private report(): void {
    this.onChange({
      sentBatches: this.sentBatches,
      buffered: this.buffer.length,
      dropped: this.dropped,
      status: this.status,
    });
  }

  private async flush(): Promise<void> {
    if (this.sending || this.buffer.length === 0) return;
    this.sending = true;
    try {
      do {
        await this.send(this.buffer.splice(0, MAX_BATCH_EVENTS));
      } while (this.buffer.length >= BATCH_EVENTS);
    } finally {
      this.sending = false;
    }
  }

  /** Posts one batch until it is accepted or refused for good; only acceptance uses up its seq. */
  private async send(events: PointerSample[]): Promise<void> {
    const body = JSON.stringify({ seq: this.seq, events });
    for (let attempt = 0; ; attempt++) {
      try {
        await api(`/mouse/sessions/${encodeURIComponent(this.sessionId)}/events`, { method: 'POST', body });
        this.seq++;
        this.sentBatches++;
        this.status = '';
        break;
      } catch (error) {
        if (!retryable(error)) {
          this.dropped += events.length;
          this.status = `A batch was refused, its ${events.length} events dropped: ${messageOf(error)}`;
          break;
        }
        const delay = Math.min(BACKOFF_MS.max, BACKOFF_MS.first * 2 ** attempt) * (0.5 + Math.random() / 2);
        this.status = `Could not send the last moves: ${messageOf(error)} Retrying in ${(delay / 1000).toFixed(1)} s.`;
        this.report();
        await sleep(delay);
      }
    }
    this.report();
  }
}
