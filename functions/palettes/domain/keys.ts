// Key design of the palettes table. Entities sit at pk = sk; relationships put the parent in one key
// and the child in the other, so the inverted index (sk -> pk) answers the reverse question:
//   LOGIN#name / LOGIN#name   the user: username claim (lowercase, the uniqueness guard) + password hash
//   TEAM#t     / TEAM#t       team
//   TEAM#t     / MEMBER#u     membership    (inverted: MEMBER#u -> the user's teams)
//   PALETTE#p  / TEAM#t       palette       (inverted: TEAM#t -> the team's palettes)
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export const PREFIX = { login: 'LOGIN#', team: 'TEAM#', member: 'MEMBER#', palette: 'PALETTE#' } as const;

const entity = (id: string): ItemKey => ({ pk: id, sk: id });

export const keys = {
  /** Usernames are unique case-insensitively: the claim is keyed by the lowercase form. */
  login: (username: string): ItemKey => entity(`${PREFIX.login}${username.toLowerCase()}`),
  team: (teamId: string): ItemKey => entity(`${PREFIX.team}${teamId}`),
  member: (teamId: string, userId: string): ItemKey => ({
    pk: `${PREFIX.team}${teamId}`,
    sk: `${PREFIX.member}${userId}`,
  }),
  palette: (paletteId: string, teamId: string): ItemKey => ({
    pk: `${PREFIX.palette}${paletteId}`,
    sk: `${PREFIX.team}${teamId}`,
  }),
};

/** The id in a prefixed key part (`TEAM#abc` -> `abc`). */
export const idOf = (keyPart: string): string => keyPart.slice(keyPart.indexOf('#') + 1);
