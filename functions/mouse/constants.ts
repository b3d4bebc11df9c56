// Resource names and limits of the mouse tracker service.

/** One item per session: its running totals and last point (the aggregator's state). */
export const MOUSE_SESSIONS_TABLE = 'mouse-sessions';
/** One velocity/distance point per applied batch, keyed (session_id, seq): what the chart polls. */
export const STATS_TABLE = 'mouse-stats';
/** The raw batches as received, keyed (session_id, seq), for later analysis. */
export const BATCHES_TABLE = 'mouse-batches';
/** FIFO: one message group per session keeps a session's batches in order; dedup id `session#seq`. */
export const EVENTS_QUEUE = 'mouse-events.fifo';
/** Standard (per-message delay): a gap check waits here for the lateness bound, then joins the session's group. */
export const GAP_CHECKS_QUEUE = 'mouse-gap-checks';
/** The aggregator's lateness bound (ms of `received_at`), set in the manifest. */
export const LATENESS_BOUND_ENV = 'MOUSE_LATENESS_BOUND_MS';

export const INDEXES = {
  /** One partition (`kind`) sorted by `started_at`: newest sessions first. */
  byStarted: 'by-started',
} as const;

/** Value of the `kind` attribute: the partition of the newest-first index. */
export const LIST_PARTITION = 'session';

export const LIMITS = {
  eventsPerBatch: 500,
  /** A full batch of 500 events is ~30 KB of JSON; twice that leaves room for long decimals. */
  maxBodyBytes: 64 * 1024,
  /** Pointer coordinates in CSS px; anything beyond is not a screen. */
  coordinate: 1_000_000,
  /** Epoch ms; the largest time a JavaScript Date can hold. */
  time: 8.64e15,
  sessionId: /^[A-Za-z0-9_-]{1,64}$/,
  /** SQS delays a message at most 15 minutes: the gap check must fit. */
  latenessBoundMs: 899_000,
  /** Batches waiting behind a gap, listed in the session item (~60 B each, the item may hold 400 KB). */
  pendingBatches: 500,
} as const;

/** Business metrics (shared/metrics.ts); the dashboard graphs them. */
export const METRICS = {
  /** Batches the API queued. */
  accepted: 'MouseBatchesAccepted',
  /** Batches applied to their session, in seq order. */
  aggregated: 'MouseBatchesAggregated',
  /** Batches that came after their seq had been passed over. */
  late: 'MouseBatchesLate',
  /** Missing seqs given up on after the lateness bound. */
  passedOver: 'MouseSeqsPassedOver',
  /** From the API receiving a batch to its being applied (ms). */
  lag: 'MouseAggregationLag',
} as const;
