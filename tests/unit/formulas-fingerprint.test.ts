import { describe, expect, it } from 'vitest';
import { fingerprint } from '#functions/formulas/domain/fingerprint.ts';
import { formulaInput } from '#functions/formulas/domain/formula-input.ts';
import { normaliseMaterialName } from '#functions/formulas/domain/material-name.ts';

/** The fingerprint of a raw request body, through the same schema the handler uses. */
const fingerprintOf = (materials: { name: string; concentration: number | string }[]): string =>
  fingerprint(formulaInput.parse({ name: 'Any', materials }).materials);

const base = [
  { name: 'Bergamot Oil', concentration: 15.5 },
  { name: 'Vanilla', concentration: 3 },
];

describe('Function: fingerprint()', () => {
  it('ignores the order of the materials', () => {
    expect(fingerprintOf([...base].reverse())).toBe(fingerprintOf(base));
  });

  it('ignores case, surrounding and repeated spaces in material names', () => {
    const variant = [
      { name: '  BERGAMOT   oil ', concentration: 15.5 },
      { name: 'vanilla', concentration: 3 },
    ];
    expect(fingerprintOf(variant)).toBe(fingerprintOf(base));
  });

  it('treats composed and decomposed Unicode names as equal', () => {
    const composed = [{ name: 'Cr\u00e8me', concentration: 1 }];
    const decomposed = [{ name: 'Cre\u0300me', concentration: 1 }];
    expect(fingerprintOf(decomposed)).toBe(fingerprintOf(composed));
  });

  it.each([15.5, '15.50', '15.5000'])('treats %j and 15.5 as equal', (concentration) => {
    expect(fingerprintOf([{ name: 'Bergamot Oil', concentration }, base[1]!])).toBe(fingerprintOf(base));
  });

  it('tells 15.5 and 15.05 apart', () => {
    expect(fingerprintOf([{ name: 'Bergamot Oil', concentration: 15.05 }, base[1]!])).not.toBe(fingerprintOf(base));
  });

  it('tells different materials apart', () => {
    expect(fingerprintOf([{ name: 'Bergamot', concentration: 15.5 }, base[1]!])).not.toBe(fingerprintOf(base));
  });

  it('does not depend on the formula name', () => {
    const a = fingerprint(formulaInput.parse({ name: 'Summer Breeze', materials: base }).materials);
    const b = fingerprint(formulaInput.parse({ name: 'Winter Night', materials: base }).materials);
    expect(a).toBe(b);
  });

  it('is a SHA-256 hex digest', () => {
    expect(fingerprintOf(base)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('Function: normaliseMaterialName()', () => {
  it.each([
    ['  Bergamot \t Oil ', 'bergamot oil'],
    ['STRASSE', 'strasse'],
    ['Straße', 'strasse'],
    ['CRE\u0300ME', 'cr\u00e8me'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normaliseMaterialName(input)).toBe(expected);
  });
});
