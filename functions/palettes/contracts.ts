// Route contracts of the palettes service: parsed at the edge by the handlers, attached to the
// manifest routes and rendered into the OpenAPI document.
import * as z from '#model/zod.ts';
import type { RouteContract } from '#model/manifest.ts';
import { pageOf, pageQuery } from '#shared/pagination.ts';
import { LIMITS } from './constants.ts';
import { HEX_COLOR, normaliseColor } from './domain/colors.ts';
import { id, palette, team, timestamp, user } from './domain/entities.ts';

const tags = ['palettes'];
const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.nameLength));
const idParams = z.object({ id });
const noContent = { 204: z.undefined().check(z.describe('No content')) };

export const color = z
  .pipe(z.string().check(z.regex(HEX_COLOR, 'must be a #RGB or #RRGGBB hex colour')), z.transform(normaliseColor))
  .check(z.meta({ description: 'Hex colour; stored as lowercase #rrggbb', example: '#1e90ff' }));

const colors = z.array(color).check(z.minLength(1), z.maxLength(LIMITS.colors));

// ---- accounts

export const registerContract = {
  auth: 'public',
  summary: 'Create an account (and its personal team)',
  tags,
  body: z.strictObject({
    username: z
      .string()
      .check(
        z.regex(/^[A-Za-z0-9_.-]{3,40}$/, 'must be 3-40 characters: letters, digits, _ . -'),
        z.describe('Unique case-insensitively'),
      ),
    password: z.string().check(z.minLength(LIMITS.passwordMin), z.maxLength(LIMITS.passwordMax)),
  }),
  responses: { 201: user },
} satisfies RouteContract;

export const loginContract = {
  auth: 'public',
  summary: 'Exchange a username and password for a bearer token',
  tags,
  // Deliberately loose: a malformed username must fail like a wrong one (401), not reveal the rules.
  body: z.strictObject({
    username: z.string().check(z.maxLength(100)),
    password: z.string().check(z.maxLength(LIMITS.passwordMax)),
  }),
  responses: {
    200: z.object({ token: z.string(), token_type: z.literal('Bearer'), expires_at: timestamp, user }),
  },
} satisfies RouteContract;

export const logoutContract = {
  auth: 'user',
  summary: 'Revoke the bearer token used for this request',
  tags,
  responses: noContent,
} satisfies RouteContract;

export const meContract = {
  auth: 'user',
  summary: 'The signed-in user',
  tags,
  responses: { 200: user },
} satisfies RouteContract;

/** A route on one team or palette, addressed by `{id}`. */
const byId = <R extends NonNullable<RouteContract['responses']>>(summary: string, responses: R) =>
  ({ auth: 'user', summary, tags, params: idParams, responses }) satisfies RouteContract;

// ---- teams

const teamBody = z.strictObject({ name });

export const createTeamContract = {
  auth: 'user',
  summary: 'Create a team with me as its first member',
  tags,
  body: teamBody,
  responses: { 201: team },
} satisfies RouteContract;

export const listTeamsContract = {
  auth: 'user',
  summary: 'Teams I belong to',
  tags,
  query: pageQuery,
  responses: { 200: pageOf(team) },
} satisfies RouteContract;
export const getTeamContract = byId('A team I belong to', { 200: team });
export const updateTeamContract = { ...byId('Rename a team I belong to', { 200: team }), body: teamBody };
export const deleteTeamContract = byId('Delete a team and its palettes (not a personal team)', noContent);
export const joinTeamContract = byId('Join a shared team by id (idempotent)', { 200: team });
export const leaveTeamContract = byId('Leave a team; the last member leaving deletes it with its palettes', noContent);

// ---- palettes

export const createPaletteContract = {
  ...byId('Create a palette in a team I belong to', { 201: palette }),
  body: z.strictObject({ name, colors }),
};

export const listPalettesContract = {
  auth: 'user',
  summary: 'Palettes of all my teams, or of one team',
  tags,
  query: z.extend(pageQuery, { team: z.optional(id) }),
  responses: { 200: pageOf(palette) },
} satisfies RouteContract;

export const getPaletteContract = byId('A palette of one of my teams', { 200: palette });
export const deletePaletteContract = byId('Delete a palette', noContent);

export const updatePaletteContract = {
  ...byId('Rename a palette or replace its colours', { 200: palette }),
  body: z
    .strictObject({ name: z.optional(name), colors: z.optional(colors) })
    .check(z.refine((b) => b.name !== undefined || b.colors !== undefined, 'give name, colors or both')),
};

export const copyPaletteContract = {
  ...byId('Copy a palette into another team I belong to', { 201: palette }),
  body: z.strictObject({ team: id, name: z.optional(name) }),
};
