// The body of `POST /formulas`, validated and canonicalised in one zod schema: display names cleaned,
// concentrations turned into canonical decimal text, then the cross-field rules (unique names, total).
import * as z from '#model/zod.ts';
import { LIMITS } from '../constants.ts';
import { formatDecimal, parseDecimal, unitsOf } from './decimal.ts';
import { displayName, normaliseMaterialName } from './material-name.ts';

const { scale } = LIMITS;
const HUNDRED = unitsOf(100, scale);

/** Units of a concentration already in canonical form (the schema's output). */
const unitsOfCanonical = (text: string): bigint => {
  const parsed = parseDecimal(text, scale);
  if (!parsed.ok) throw new Error(`not a canonical concentration: ${text}`);
  return parsed.units;
};

const sumUnits = (materials: readonly { concentration: string }[]): bigint =>
  materials.reduce((sum, m) => sum + unitsOfCanonical(m.concentration), 0n);

export const concentration = z
  .pipe(
    z.union([z.number(), z.string().check(z.maxLength(32))], { error: 'must be a number or a numeric string' }),
    // zod/mini's transform context has no addIssue: an issue is pushed as classic's addIssue recorded it.
    z.transform((value, ctx) => {
      const parsed = parseDecimal(value, scale);
      if (!parsed.ok) {
        ctx.issues.push({ code: 'custom', message: parsed.error, input: value });
        return z.NEVER;
      }
      if (parsed.units <= 0n || parsed.units > HUNDRED) {
        ctx.issues.push({ code: 'custom', message: 'must be greater than 0 and at most 100', input: value });
        return z.NEVER;
      }
      return formatDecimal(parsed.units, scale);
    }),
  )
  .check(
    z.meta({
      description: `Percentage, 0 < c <= 100, at most ${scale} decimal places; a JSON number or a numeric string`,
      example: 15.5,
    }),
  );

const materialName = z
  .pipe(
    z.pipe(z.string(), z.transform(displayName)),
    z.string().check(z.minLength(1, 'must not be blank'), z.maxLength(LIMITS.nameLength)),
  )
  .check(
    z.meta({
      description: `1-${LIMITS.nameLength} characters once trimmed; unique in the formula ignoring case, spacing and Unicode form`,
      example: 'Bergamot Oil',
    }),
  );

export const material = z.strictObject({ name: materialName, concentration });

export const formulaInput = z
  .strictObject({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.nameLength)),
    materials: z.array(material).check(z.minLength(1), z.maxLength(LIMITS.materials)),
  })
  .check(
    z.superRefine(
      ({ materials }, ctx) => {
        const seen = new Map<string, number>();
        materials.forEach((m, index) => {
          const key = normaliseMaterialName(m.name);
          const first = seen.get(key);
          if (first === undefined) seen.set(key, index);
          else
            ctx.addIssue({
              code: 'custom',
              path: ['materials', index, 'name'],
              message: `duplicates materials.${first}.name`,
            });
        });
        const total = sumUnits(materials);
        if (total > HUNDRED) {
          ctx.addIssue({
            code: 'custom',
            path: ['materials'],
            message: `concentrations total ${formatDecimal(total, scale)}; must be at most 100`,
          });
        }
      },
      {
        // zod still runs an object's refinement when a field failed, handing it that field's raw input
        // (an overlong concentration skips its transform). The cross-field rules need every field valid.
        when: (payload) => payload.issues.length === 0,
      },
    ),
  );

export type FormulaInput = z.output<typeof formulaInput>;

/** The sum of the (already validated) concentrations, as canonical decimal text. */
export const totalConcentration = (input: FormulaInput): string => formatDecimal(sumUnits(input.materials), scale);
