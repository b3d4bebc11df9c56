// Messages between the sandbox and a function's worker thread.
export interface WorkerInit {
  readonly bundle: string;
  readonly functionName: string;
  readonly memoryMb: number;
  readonly region: string;
  readonly environmentId: string;
}

export interface SerialisedError {
  readonly name: string;
  readonly message: string;
  readonly stack: string;
}

export type ToWorker = {
  readonly type: 'invoke';
  readonly id: number;
  readonly requestId: string;
  readonly deadline: number;
  readonly event: unknown;
};

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'init-error'; readonly error: SerialisedError }
  | { readonly type: 'result'; readonly id: number; readonly result: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: SerialisedError };
