import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import differenceEvent from '../../events/math/difference.json' with { type: 'json' };
import tripletCheckEvent from '../../events/math/triplet-check.json' with { type: 'json' };
import tripletSumEvent from '../../events/math/triplet-sum.json' with { type: 'json' };
import { calculationByName, calculations } from '#functions/math/domain/calculations/index.ts';
import { difference } from '#functions/math/domain/calculations/difference.ts';
import { triplet } from '#functions/math/domain/calculations/triplet.ts';
import { math } from '#functions/math/manifest.ts';
import { ValidationError } from '#shared/errors.ts';
import * as z from '#model/zod.ts';
import { parseOrThrow } from '#shared/http/validation.ts';

/** The 400 detail a query would get, or undefined when it parses. */
const rejection = (
  schema: (typeof calculations)[number]['query'],
  query: Record<string, string>,
): string | undefined => {
  try {
    parseOrThrow(schema, query, 'query');
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
};

describe('Registry: calculations', () => {
  it('gives every calculation a unique name that is a URL path segment', () => {
    const names = calculations.map((c) => c.name);

    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => !/^[a-z][a-z0-9-]*$/.test(n))).toEqual([]);
  });

  it('finds each calculation by name and nothing for an unknown name', () => {
    expect(calculations.every((c) => calculationByName(c.name) === c)).toBe(true);
    expect(calculationByName('factorial')).toBeUndefined();
  });

  it('gives every calculation a public GET route on the math function', () => {
    const routes = (math.routes ?? [])
      .filter((r) => r.function === 'math-calculate')
      .map((r) => `${r.method} ${r.path} ${r.contract.auth}`);

    expect(routes).toEqual(calculations.map((c) => `GET /${c.name} public`));
  });

  it.each([
    ['difference', differenceEvent],
    ['triplet', tripletCheckEvent],
    ['triplet', tripletSumEvent],
  ])('parses the sample event for %s and computes a value its schema accepts', (name, sample) => {
    // Prepare
    const event: APIGatewayProxyEventV2 = sample;
    const calc = calculationByName(name)!;

    // Act
    const input = z.parse(calc.query, event.queryStringParameters);
    const value = calc.compute(input);

    // Assess
    expect(event.routeKey).toBe(`GET /${name}`);
    expect(z.safeParse(calc.value, value).success).toBe(true);
  });
});

describe('Calculation: difference', () => {
  it.each([
    ['abc', 'query.number: must be an integer'],
    ['0', 'query.number: Too small'],
    ['101', 'query.number: Too big'],
    ['1.5', 'query.number: must be an integer'],
    ['1e2', 'query.number: must be an integer'],
    [' 10', 'query.number: must be an integer'],
    ['', 'query.number: must be an integer'],
    ['0x10', 'query.number: must be an integer'],
  ])('rejects number=%j naming the field', (number, detail) => {
    expect(rejection(difference.query, { number })).toContain(detail);
  });

  it('rejects a missing number naming the field', () => {
    expect(rejection(difference.query, {})).toMatch(/^query\.number: /);
  });

  it.each(['1', '10', '100'])('accepts number=%s', (number) => {
    expect(rejection(difference.query, { number })).toBeUndefined();
  });

  it('keys inputs so that they sort numerically', () => {
    const keys = [2, 10, 100].map((number) => difference.key({ number }));

    expect(keys).toEqual(['002', '010', '100']);
    expect([...keys].sort()).toEqual(keys);
  });
});

describe('Calculation: triplet', () => {
  it.each([
    [{ a: '3', b: '4' }, 'query: expected either a, b and c, or sum'],
    [{}, 'query: expected either a, b and c, or sum'],
    [{ a: 'x', b: '4', c: '5' }, 'query.a: must be an integer'],
    [{ a: '3', b: '4', c: '1001' }, 'query.c: Too big'],
    [{ a: '0', b: '4', c: '5' }, 'query.a: Too small'],
    [{ sum: '2' }, 'query.sum: Too small'],
    [{ sum: '12', a: '3' }, 'Unrecognized key: "a"'],
  ])('rejects %j naming the fields', (query, detail) => {
    expect(rejection(triplet.query, query)).toContain(detail);
  });

  it('keys a check and a sum apart, and sides in the order given', () => {
    const keys = [{ a: 3, b: 4, c: 5 }, { a: 4, b: 3, c: 5 }, { sum: 12 }].map((input) => triplet.key(input));

    expect(keys).toEqual(['abc=0003,0004,0005', 'abc=0004,0003,0005', 'sum=0012']);
  });
});
