// Resource names and limits of the formulas service.

/** Formulas keyed by fingerprint; its stream is the outbox that feeds FORMULAS_QUEUE. */
export const FORMULAS_TABLE = 'formulas';
/** Powertools Idempotency records for `Idempotency-Key` (key `id`, TTL `expiration`). */
export const FORMULAS_IDEMPOTENCY_TABLE = 'formulas-idempotency';
export const FORMULAS_QUEUE = 'formulas';

export const INDEXES = {
  /** `id -> item`: the public id is a UUID, the table key is the fingerprint. */
  byId: 'by-id',
  /** One partition (`kind`) sorted by `created_at`: newest-first listing. */
  byCreated: 'by-created',
} as const;

/** Value of the `kind` attribute: the partition of the newest-first index. */
export const LIST_PARTITION = 'formula';

export const STATUS = { queued: 'queued', processed: 'processed' } as const;

export const LIMITS = {
  nameLength: 200,
  materials: 100,
  /** Concentrations are percentages with at most this many decimal places. */
  scale: 4,
  /** Messages one redrive call moves at most (each DLQ receive returns up to 10). */
  redriveMax: 1000,
  idempotencyKeyLength: 255,
} as const;

/** A replayed Idempotency-Key response is kept this long (Stripe's window). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Business metrics (shared/metrics.ts), by what the service exists for; the dashboard graphs them. */
export const METRICS = {
  submitted: 'FormulasSubmitted',
  duplicates: 'FormulaDuplicates',
  published: 'FormulasPublished',
  processed: 'FormulasProcessed',
  redriven: 'FormulasRedriven',
} as const;
