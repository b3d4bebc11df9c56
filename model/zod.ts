// zod for every schema in the project: the functional `zod/mini` API, whose schemas carry no methods
// beyond parse and check, so each bundle keeps only the schema kinds and checks it uses (about 30 kB
// of zod against 98 kB for classic zod, whose every schema drags in all methods, the JSON Schema
// converter included). Import it as `import * as z from '#model/zod.ts'`.
import * as z from 'zod/mini';
// One locale by its own path: `z.locales` would bring every language (~250 kB).
import en from 'zod/v4/locales/en.js';

// zod/mini ships no messages of its own ("Invalid input" for everything); the English locale gives
// the same field messages classic zod gave (e.g. "Too big: expected number to be <=100").
z.config(en());

export * from 'zod/mini';
