// What the sandbox needs from each stand-in for an event source mapping or an S3 notification:
// start it, stop it in two phases (see startEventSources), and tell idle() when it is done.
export interface EventSource {
  /** Begins delivering; resolves once it reads from its starting position. */
  start(): Promise<void>;
  /** Takes no new work; what runs finishes (or fails when the environments go). */
  halt(): void;
  /** Halts, then resolves once its loops have ended. */
  stop(): Promise<void>;
  /** True while it holds work it has taken and not yet settled (a batch being delivered, a send). */
  readonly busy: boolean;
  /**
   * Taken by idle() once everything is quiet: the check it returns passes once the source has read
   * everything written before it was taken (a stream must poll every shard again; for a queue, idle()
   * asks its depth).
   */
  checkpoint(): () => boolean;
}

/** For sources that read nothing that a checkpoint would have to wait for. */
export const nothingToRead = (): (() => boolean) => () => true;
