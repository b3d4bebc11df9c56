// The smoke test's HTTP side: JSON calls against one base URL, each timed, and a poll for work the
// API finishes in the background (queues, streams).

export interface Reply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: each step reads the fields of the endpoint it calls, and asserts them.
  readonly json: any;
  readonly headers: Headers;
}

export interface CallOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Sent as is (e.g. a CSV) instead of JSON. */
  readonly raw?: { readonly contentType: string; readonly text: string };
}

export class Client {
  constructor(
    private readonly base: string,
    private readonly apiKey?: string,
  ) {}

  get hasApiKey(): boolean {
    return this.apiKey !== undefined;
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.raw) {
      headers['content-type'] = options.raw.contentType;
      body = options.raw.text;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (this.apiKey && path.startsWith('/bulk/')) headers['x-api-key'] = this.apiKey;
    const res = await fetch(new URL(path, this.base), { method, headers, body, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (a page): kept as text.
    }
    return { status: res.status, json, headers: res.headers };
  }

  /** Calls until `done` accepts the reply or `timeoutMs` passes; the last reply either way. */
  async poll(
    path: string,
    done: (reply: Reply) => boolean,
    timeoutMs = 60_000,
    headers?: Record<string, string>,
  ): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    for (let wait = 100; ; wait = Math.min(wait * 2, 2000)) {
      const reply = await this.call('GET', path, { headers });
      if (done(reply) || Date.now() > deadline) return reply;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** A failed expectation: the step fails with this message. */
export const expect = (ok: boolean, message: string): void => {
  if (!ok) throw new Error(message);
};

export const describe = (reply: Reply): string =>
  `${reply.status} ${typeof reply.json === 'string' ? reply.json.slice(0, 120) : JSON.stringify(reply.json)?.slice(0, 160)}`;
