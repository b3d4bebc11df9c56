// What the functions print, as Lambda would send it to CloudWatch Logs: kept line by line (the
// harness finds a request's whole story by its correlation id), and the embedded-metric-format lines
// summed per metric, as CloudWatch would extract them (a summary at Ctrl-C, or `sandbox.metrics()`).
/** Lines kept (oldest dropped first): a long session must not grow without bound. */
const MAX_LINES = 50_000;

export interface FunctionLogLine {
  readonly function: string;
  /** Epoch ms when the sandbox read it (the sandbox console finds an invocation's lines by time). */
  readonly at: number;
  /** The line as printed. */
  readonly text: string;
  /** The line's JSON (Powertools Logger and Metrics print JSON), or undefined for plain text. */
  readonly json: Readonly<Record<string, unknown>> | undefined;
}

export interface MetricSummary {
  readonly namespace: string;
  readonly name: string;
  readonly unit: string | undefined;
  /** Dimension name -> value, as CloudWatch keys the metric. */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

interface EmfDirective {
  readonly Namespace: string;
  readonly Dimensions: readonly (readonly string[])[];
  readonly Metrics: readonly { readonly Name: string; readonly Unit?: string }[];
}

const parseJson = (text: string): Record<string, unknown> | undefined => {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

export class FunctionLogs {
  readonly lines: FunctionLogLine[] = [];
  private readonly summaries = new Map<string, MetricSummary>();

  /** A pool's output sink for `fn`: splits its chunks into lines, then hands each chunk on to `forward`. */
  sink(fn: string, forward: (chunk: Buffer) => void): (chunk: Buffer) => void {
    let partial = '';
    return (chunk) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) if (text.trim()) this.add(fn, text.trim());
      forward(chunk);
    };
  }

  /** Every metric the functions emitted so far, summed per namespace, name and dimensions. */
  metrics(): MetricSummary[] {
    return [...this.summaries.values()];
  }

  private add(fn: string, text: string): void {
    const json = parseJson(text);
    this.lines.push({ function: fn, at: Date.now(), text, json });
    if (this.lines.length > MAX_LINES) this.lines.splice(0, this.lines.length - MAX_LINES);
    const directives = (json?._aws as { CloudWatchMetrics?: EmfDirective[] } | undefined)?.CloudWatchMetrics;
    if (json && directives) for (const directive of directives) this.addMetrics(json, directive);
  }

  private addMetrics(json: Record<string, unknown>, { Namespace, Dimensions, Metrics }: EmfDirective): void {
    // Each dimension set is a metric of its own (none: one metric without dimensions).
    const sets = Dimensions.length > 0 ? Dimensions : [[]];
    for (const { Name, Unit } of Metrics) {
      const raw = json[Name];
      const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is number => typeof v === 'number');
      if (values.length === 0) continue;
      for (const set of sets) {
        const dimensions = Object.fromEntries(set.map((d) => [d, String(json[d])]));
        const key = JSON.stringify([Namespace, Name, dimensions]);
        const was = this.summaries.get(key);
        this.summaries.set(key, {
          namespace: Namespace,
          name: Name,
          unit: Unit,
          dimensions,
          count: (was?.count ?? 0) + values.length,
          sum: (was?.sum ?? 0) + values.reduce((a, b) => a + b, 0),
          min: Math.min(was?.min ?? Infinity, ...values),
          max: Math.max(was?.max ?? -Infinity, ...values),
        });
      }
    }
  }
}

/** The summary as a table for the terminal, one metric a line. */
export const formatMetrics = (summaries: readonly MetricSummary[]): string =>
  [...summaries]
    .sort((a, b) =>
      `${a.name}${JSON.stringify(a.dimensions)}`.localeCompare(`${b.name}${JSON.stringify(b.dimensions)}`),
    )
    .map(({ name, unit, dimensions, count, sum, min, max }) => {
      const dims = Object.entries(dimensions)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      const stats =
        unit === 'Count' ? `sum ${sum}` : `n ${count}, avg ${(sum / count).toFixed(1)}, min ${min}, max ${max}`;
      return `  ${name.padEnd(28)} ${stats.padEnd(40)} ${dims}`;
    })
    .join('\n');
