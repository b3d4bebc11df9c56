import { USER_SESSIONS_TABLE } from '#model/constants.ts';
import { INVERTED_INDEX, PALETTES_TABLE, SIGN_IN_FAILURES_TABLE } from './constants.ts';
import * as contracts from './contracts.ts';
import type { FunctionDef, RouteDef, ServiceManifest } from '#model/manifest.ts';

type Access = FunctionDef['tables'];
const read: Access = { [PALETTES_TABLE]: 'read' };
// Conditional writes and transactions (ConditionCheck) both read and write.
const readwrite: Access = { [PALETTES_TABLE]: 'readwrite' };
// Public and running scrypt at 1 GB: a far lower limit than the stage's caps password guessing and the bill.
const authThrottle = { rateLimit: 5, burstLimit: 10 };

/** One function per route, named `palettes-<handler file>`; each contract says who may call it. */
const routes: readonly (Omit<RouteDef, 'function'> & { handler: string; tables: Access })[] = [
  {
    method: 'POST',
    path: '/auth/register',
    handler: 'register',
    tables: readwrite,

    contract: contracts.registerContract,
    throttle: authThrottle,
  },
  {
    method: 'POST',
    path: '/auth/login',
    handler: 'login',
    tables: { ...read, [USER_SESSIONS_TABLE]: 'write', [SIGN_IN_FAILURES_TABLE]: 'readwrite' },

    contract: contracts.loginContract,
    throttle: authThrottle,
  },
  {
    method: 'POST',
    path: '/auth/logout',
    handler: 'logout',
    tables: { [USER_SESSIONS_TABLE]: 'write' },
    contract: contracts.logoutContract,
  },
  { method: 'GET', path: '/me', handler: 'me', tables: read, contract: contracts.meContract },
  { method: 'POST', path: '/teams', handler: 'create-team', tables: readwrite, contract: contracts.createTeamContract },
  { method: 'GET', path: '/teams', handler: 'list-teams', tables: read, contract: contracts.listTeamsContract },
  { method: 'GET', path: '/teams/{id}', handler: 'get-team', tables: read, contract: contracts.getTeamContract },
  {
    method: 'PATCH',
    path: '/teams/{id}',
    handler: 'update-team',
    tables: readwrite,
    contract: contracts.updateTeamContract,
  },
  {
    method: 'DELETE',
    path: '/teams/{id}',
    handler: 'delete-team',
    tables: readwrite,
    contract: contracts.deleteTeamContract,
  },
  {
    method: 'PUT',
    path: '/teams/{id}/members/me',
    handler: 'join-team',
    tables: readwrite,
    contract: contracts.joinTeamContract,
  },
  {
    method: 'DELETE',
    path: '/teams/{id}/members/me',
    handler: 'leave-team',
    tables: readwrite,
    contract: contracts.leaveTeamContract,
  },
  {
    method: 'POST',
    path: '/teams/{id}/palettes',
    handler: 'create-palette',
    tables: readwrite,
    contract: contracts.createPaletteContract,
  },
  {
    method: 'GET',
    path: '/palettes',
    handler: 'list-palettes',
    tables: read,
    contract: contracts.listPalettesContract,
  },
  {
    method: 'GET',
    path: '/palettes/{id}',
    handler: 'get-palette',
    tables: read,
    contract: contracts.getPaletteContract,
  },
  {
    method: 'PATCH',
    path: '/palettes/{id}',
    handler: 'update-palette',
    tables: readwrite,
    contract: contracts.updatePaletteContract,
  },
  {
    method: 'DELETE',
    path: '/palettes/{id}',
    handler: 'delete-palette',
    tables: readwrite,
    contract: contracts.deletePaletteContract,
  },
  {
    method: 'POST',
    path: '/palettes/{id}/copy',
    handler: 'copy-palette',
    tables: readwrite,
    contract: contracts.copyPaletteContract,
  },
];

const functionName = (handler: string): string => `palettes-${handler}`;

export const palettes: ServiceManifest = {
  service: 'palettes',
  tables: [
    {
      name: PALETTES_TABLE,
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      // The keys swapped: MEMBER#u -> its teams, TEAM#t -> its palettes (see domain/keys.ts).
      indexes: [{ name: INVERTED_INDEX, partitionKey: { name: 'sk', type: 'S' }, sortKey: { name: 'pk', type: 'S' } }],
    },
    // Token hash -> user; DynamoDB deletes expired sessions (and the reader checks expiry itself).
    { name: USER_SESSIONS_TABLE, partitionKey: { name: 'token_hash', type: 'S' }, ttlAttribute: 'expires_at' },
    // `account#<username>` / `source#<ip>` -> failed sign-ins; DynamoDB forgets a count a day after its last failure.
    { name: SIGN_IN_FAILURES_TABLE, partitionKey: { name: 'key', type: 'S' }, ttlAttribute: 'expires_at' },
  ],
  functions: [
    ...routes.map(({ handler, tables }) => ({
      name: functionName(handler),
      entry: `functions/palettes/handlers/${handler}.ts`,
      tables,
      // scrypt is CPU-bound (16 MiB, ~50 ms per sign-up or sign-in) and Lambda allots CPU in proportion
      // to memory: 1 GB keeps sign-in fast; every other palettes function is I/O-bound.
      ...(handler === 'register' || handler === 'login' ? { memoryMb: 1024 } : {}),
    })),
  ],
  routes: routes.map(({ method, path, handler, contract, throttle }) => ({
    method,
    path,
    function: functionName(handler),
    contract,
    ...(throttle ? { throttle } : {}),
  })),
};
