// Resource names and limits of the palettes service (its sessions table is USER_SESSIONS_TABLE of
// #model/constants.ts: the shared user auth reads it).

/** Users, teams, memberships and palettes: one table, keys in `domain/keys.ts`. */
export const PALETTES_TABLE = 'palettes';
/** GSI with the table's keys swapped (partition = sk, sort = pk): "teams of a user", "palettes of a team". */
export const INVERTED_INDEX = 'inverted';

/** Failed sign-ins per account and per source address (domain/sign-in-backoff.ts), with a TTL. */
export const SIGN_IN_FAILURES_TABLE = 'palettes-sign-in-failures';

export const SESSION_TTL_SECONDS = 24 * 60 * 60;

export const LIMITS = {
  nameLength: 80,
  colors: 20,
  passwordMin: 10,
  /** scrypt's cost does not grow with the input, but parsing a megabyte password is still work. */
  passwordMax: 1024,
} as const;

/** Business metrics (shared/metrics.ts); the dashboard graphs them. */
export const METRICS = { signUps: 'PalettesSignUps', failedSignIns: 'PalettesFailedSignIns' } as const;
