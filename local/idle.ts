// Sandbox.idle(): waits until nothing runs, no event source holds work, no queue holds a message, all
// of it for a while, and every event source has since read what was written before.
import type { EventSource } from './event-sources/index.ts';
import type { Invoker } from './invoker.ts';
import type { Sandbox } from './types.ts';

/** How long everything must stay quiet before idle() trusts it (covers one stream poll). */
const QUIET_MS = 250;

export interface IdleDeps {
  readonly invoker: Invoker;
  readonly sources: readonly EventSource[];
  /** Messages in every manifest queue (ready, delayed or in flight). */
  readonly queueDepth: () => Promise<number>;
}

export const waitForIdle = ({ invoker, sources, queueDepth }: IdleDeps): Sandbox['idle'] => {
  // The queues are asked last, and only when everything else is quiet.
  const quiet = async (): Promise<boolean> =>
    invoker.inFlight === 0 && sources.every((s) => !s.busy) && (await queueDepth()) === 0;

  return async (timeoutMs = 30_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    let quietSince: number | undefined;
    let seen = invoker.log.length;
    let readSince: (() => boolean)[] = [];
    while (Date.now() < deadline) {
      if ((await quiet()) && invoker.log.length === seen) {
        if (quietSince === undefined) {
          quietSince = Date.now();
          readSince = sources.map((s) => s.checkpoint());
        }
        // Quiet long enough, and every source has since read what was written before it went quiet.
        if (Date.now() - quietSince >= QUIET_MS && readSince.every((read) => read())) return;
      } else {
        quietSince = undefined;
        seen = invoker.log.length;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    const queued = await queueDepth();
    const running = invoker.inFlight;
    throw new Error(`sandbox not idle after ${timeoutMs} ms (queued messages: ${queued}, running: ${running})`);
  };
};
