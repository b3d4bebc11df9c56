// What the palettes use cases are given, built once per execution environment on first use. Two
// builders, because a function reads only the tables its manifest entry grants (logout: sessions only).
import { USER_SESSIONS_TABLE } from '#model/constants.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { tableName } from '#shared/config.ts';
import { lazy } from '#shared/lazy.ts';
import type { SessionsDeps, SignInDeps } from '../app/accounts.ts';
import type { PalettesDeps } from '../app/access.ts';
import { PALETTES_TABLE, SIGN_IN_FAILURES_TABLE } from '../constants.ts';

// Marked pure so that a function's bundle keeps only the builder its handler calls.
export const palettesDeps = /* @__PURE__ */ lazy(
  (): PalettesDeps => ({ palettes: { db: documentClient(), table: tableName(PALETTES_TABLE) } }),
);
export const sessionsDeps = /* @__PURE__ */ lazy(
  (): SessionsDeps => ({ sessions: { db: documentClient(), table: tableName(USER_SESSIONS_TABLE) } }),
);
export const signInDeps = /* @__PURE__ */ lazy(
  (): SignInDeps => ({
    ...sessionsDeps(),
    failures: { db: documentClient(), table: tableName(SIGN_IN_FAILURES_TABLE) },
  }),
);
