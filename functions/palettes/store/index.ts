// The palettes store: the palettes table (keys in domain/keys.ts) and the user-sessions table, each
// reached through a `Table` (client and name) that the handlers build once per environment and pass in.
// Plain functions that take the table, not one object of methods: esbuild then leaves out of each
// function's bundle the operations its route never calls (the listing routes sit just under budget).
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
export type { Table } from './table.ts';
export { createTeam, deleteTeam, getTeam, isMember, listMyTeams, renameTeam } from './teams.ts';
export { createUser, findUser } from './users.ts';
