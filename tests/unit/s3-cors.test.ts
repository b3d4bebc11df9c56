// How the sandbox's S3 evaluates a bucket's CORS rules (local/s3-cors.ts), as S3 documents it: the first
// rule allowing the origin, the method and every requested header answers; `*` patterns match one run.
import { describe, expect, it } from 'vitest';
import type { CorsRule } from '#model/bucket-cors.ts';
import { corsAnswer } from '#local/s3-cors.ts';

const rule = (over: Partial<CorsRule>): CorsRule => ({
  allowedMethods: ['PUT'],
  allowedOrigins: ['*'],
  allowedHeaders: ['content-type'],
  maxAgeSeconds: 60,
  ...over,
});

describe('Function: corsAnswer()', () => {
  it('answers `*` for a rule allowing any origin, the origin itself for a named one, only the headers asked', () => {
    const request = { origin: 'https://a.example', method: 'PUT', headers: [] };
    expect(corsAnswer([rule({})], request)).toMatchObject({ 'access-control-allow-origin': '*' });
    expect(corsAnswer([rule({ allowedOrigins: ['https://a.example'] })], request)).toEqual({
      'access-control-allow-origin': 'https://a.example',
      'access-control-allow-methods': 'PUT',
      'access-control-max-age': '60',
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    });
  });

  it('matches one wildcard in an origin or header pattern, and uses the first rule that allows the request', () => {
    const rules = [
      rule({ allowedOrigins: ['https://*.example'], allowedHeaders: ['x-amz-*'], maxAgeSeconds: 1 }),
      rule({ allowedMethods: ['GET', 'PUT'], maxAgeSeconds: 2 }),
    ];
    const put = (origin: string, headers: string[]) => corsAnswer(rules, { origin, method: 'PUT', headers });
    expect(put('https://app.example', ['x-amz-meta-a'])).toMatchObject({
      'access-control-allow-headers': 'x-amz-meta-a',
      'access-control-max-age': '1',
    });
    expect(put('https://app.example', ['content-type'])).toMatchObject({ 'access-control-max-age': '2' });
    expect(put('https://example', ['x-amz-meta-a'])).toBeUndefined();
    expect(corsAnswer(rules, { origin: 'https://b.test', method: 'DELETE', headers: [] })).toBeUndefined();
    expect(corsAnswer([], { origin: 'https://b.test', method: 'PUT', headers: [] })).toBeUndefined();
  });
});
