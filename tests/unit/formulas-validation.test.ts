import { describe, expect, it } from 'vitest';
import { formulaInput } from '#functions/formulas/domain/formula-input.ts';
import { newFormula } from '#functions/formulas/domain/formula.ts';

const valid = {
  name: 'Summer Breeze',
  materials: [
    { name: 'Bergamot Oil', concentration: 15.5 },
    { name: 'Vanilla', concentration: '3.25' },
  ],
};

/** The issues of a body as `path: message`, the way the API reports them. */
const issues = (body: unknown): string[] => {
  const result = formulaInput.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

const withMaterials = (materials: unknown[]) => ({ ...valid, materials });

describe('Function: formulaInput.parse()', () => {
  it('accepts numbers and numeric strings and canonicalises them to decimal text', () => {
    // Act
    const parsed = formulaInput.parse(valid);

    // Assess
    expect(parsed.materials).toEqual([
      { name: 'Bergamot Oil', concentration: '15.5' },
      { name: 'Vanilla', concentration: '3.25' },
    ]);
  });

  it('trims names and collapses inner spaces but keeps their case', () => {
    const parsed = formulaInput.parse({
      name: '  Summer Breeze ',
      materials: [{ name: ' Bergamot   Oil ', concentration: 1 }],
    });
    expect(parsed).toEqual({ name: 'Summer Breeze', materials: [{ name: 'Bergamot Oil', concentration: '1' }] });
  });

  it('accepts a total of exactly 100 made of decimals that floats would not sum exactly', () => {
    const materials = [
      { name: 'a', concentration: 33.3333 },
      { name: 'b', concentration: 33.3333 },
      { name: 'c', concentration: 33.3334 },
    ];
    expect(issues(withMaterials(materials))).toEqual([]);
  });

  it.each([
    [{ ...valid, name: '' }, 'name: Too small: expected string to have >=1 characters'],
    [{ ...valid, name: 'x'.repeat(201) }, 'name: Too big: expected string to have <=200 characters'],
    [withMaterials([]), 'materials: Too small: expected array to have >=1 items'],
    [withMaterials([{ name: '   ', concentration: 1 }]), 'materials.0.name: must not be blank'],
    [
      withMaterials([{ name: 'a', concentration: 0 }]),
      'materials.0.concentration: must be greater than 0 and at most 100',
    ],
    [
      withMaterials([{ name: 'a', concentration: -1 }]),
      'materials.0.concentration: must be greater than 0 and at most 100',
    ],
    [
      withMaterials([{ name: 'a', concentration: 100.0001 }]),
      'materials.0.concentration: must be greater than 0 and at most 100',
    ],
    [
      withMaterials([{ name: 'a', concentration: 1.23456 }]),
      'materials.0.concentration: must have at most 4 decimal places',
    ],
    [
      withMaterials([{ name: 'a', concentration: '1.23456' }]),
      'materials.0.concentration: must have at most 4 decimal places',
    ],
    [
      withMaterials([{ name: 'a', concentration: 'ten' }]),
      'materials.0.concentration: must be a decimal number such as 15.5',
    ],
    [
      withMaterials([{ name: 'a', concentration: true }]),
      'materials.0.concentration: must be a number or a numeric string',
    ],
    [withMaterials([{ name: 'a', concentration: 1, extra: 1 }]), 'materials.0: Unrecognized key: "extra"'],
  ])('refuses %j', (body, expected) => {
    expect(issues(body)).toEqual([expected]);
  });

  it('refuses more than 100 materials', () => {
    const materials = Array.from({ length: 101 }, (_, i) => ({ name: `m${i}`, concentration: 0.1 }));
    expect(issues(withMaterials(materials))).toEqual(['materials: Too big: expected array to have <=100 items']);
  });

  it('refuses a total above 100 and says what the total is', () => {
    const materials = [
      { name: 'a', concentration: 60 },
      { name: 'b', concentration: '40.0001' },
    ];
    expect(issues(withMaterials(materials))).toEqual(['materials: concentrations total 100.0001; must be at most 100']);
  });

  it('refuses material names that are equal after normalisation, pointing at the repeat', () => {
    const materials = [
      { name: 'Bergamot Oil', concentration: 1 },
      { name: 'Vanilla', concentration: 1 },
      { name: ' bergamot  OIL', concentration: 2 },
    ];
    expect(issues(withMaterials(materials))).toEqual(['materials.2.name: duplicates materials.0.name']);
  });

  // Regression: the total was summed from the raw text of a concentration that had failed its length
  // check, throwing (a 500) or adding a second, misleading issue about the total.
  it.each([
    ['37 letters', 'a'.repeat(37)],
    ['an overlong decimal', '1.000000000000000000000000000000001'],
    ['a 33-digit number', '1'.repeat(33)],
  ])('refuses a concentration given as %s with one issue naming it', (_what, concentration) => {
    expect(issues(withMaterials([{ name: 'a', concentration }]))).toEqual([
      'materials.0.concentration: Too big: expected string to have <=32 characters',
    ]);
  });
});

describe('Function: newFormula()', () => {
  it('starts queued with the exact total and no processing yet', () => {
    // Act
    const formula = newFormula(formulaInput.parse(valid), 'id-1', new Date('2026-11-23T10:00:00Z'));

    // Assess
    expect(formula).toMatchObject({
      id: 'id-1',
      status: 'queued',
      total: '18.75',
      created_at: '2026-11-23T10:00:00.000Z',
      processed_at: null,
      delivery_count: null,
    });
  });
});
