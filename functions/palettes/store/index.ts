// The palettes store: the palettes table (keys in domain/keys.ts) and the user-sessions table, each
// reached through a `TableConfig` (client and name) that the handlers build once per environment (deps.ts)
// and pass in. Plain functions that take the table rather than objects of methods: seventeen functions
// each call a different few operations, and esbuild leaves out of a bundle every function it does not
// call, where an object brings all its methods (the listing routes sit a few hundred bytes under budget).
export { toPalette, toTeam, toUser, type PaletteItem, type TeamItem } from './items.ts';
export { joinTeam, leaveTeam } from './members.ts';
export {
  createPalette,
  deletePalette,
  findPalette,
  listPalettes,
  updatePalette,
  type PaletteInput,
} from './palettes.ts';
export { createSession, revokeSession } from './sessions.ts';
export { clearFailures, failureKeys, readFailures, recordFailure } from './sign-in-failures.ts';
export type { TableConfig } from '#shared/dynamodb/table.ts';
export { createTeam, deleteTeam, getTeam, isMember, listMyTeams, renameTeam } from './teams.ts';
export { createUser, findUser } from './users.ts';
