import { describe, expect, it } from 'vitest';
import { BadRequestError } from '#shared/errors.ts';
import { parseJsonBody } from '#shared/http/body.ts';
import { apiEvent } from '../helpers/factories.ts';

const post = (body: string) =>
  apiEvent({ method: 'POST', route: '/x', headers: { 'content-type': 'application/json' }, body });

describe('Function: parseJsonBody()', () => {
  it('keeps strings with surrogate pairs (emoji) as they are', () => {
    expect(parseJsonBody(post('{"name":"\\ud83c\\udf4b lemon"}'), 1024)).toEqual({ name: '\u{1F34B} lemon' });
  });

  it.each([
    ['a value', '{"name":"x\\ud800y"}'],
    ['a trailing low surrogate', '{"name":"x\\udc00"}'],
    ['a key', '{"\\udfff":1}'],
    ['a nested value', '{"a":[{"b":"\\ud800"}]}'],
  ])('rejects a lone surrogate escape in %s with 400 invalid_unicode', (_, body) => {
    const act = () => parseJsonBody(post(body), 1024);
    expect(act).toThrow(BadRequestError);
    expect(act).toThrow(expect.objectContaining({ code: 'invalid_unicode' }));
  });

  it('still answers malformed JSON with malformed_json', () => {
    expect(() => parseJsonBody(post('{"a":'), 1024)).toThrow(expect.objectContaining({ code: 'malformed_json' }));
  });
});
