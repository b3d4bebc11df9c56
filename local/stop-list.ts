// What start-up has started, stopped newest first: by Sandbox.stop(), or at once when a later step fails.
export type OnStop = (stop: () => Promise<unknown>) => void;

export class StopList {
  private readonly stops: (() => Promise<unknown>)[] = [];

  readonly add: OnStop = (stop) => {
    this.stops.push(stop);
  };

  /** Runs every stop once, newest first; one that fails does not keep the others from running. */
  readonly run = async (): Promise<void> => {
    for (const stop of this.stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
}
