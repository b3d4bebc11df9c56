// Local stand-ins for third-party services that the sandbox starts beside the functions. Each returns
// the environment the functions need to reach it and a way to stop it.
export interface Companion {
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export type CompanionStarter = () => Promise<Companion>;
