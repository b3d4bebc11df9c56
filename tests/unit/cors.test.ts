// The CORS headers the gateway adds (model/derive.ts), which the sandbox sends from the same settings.
import { describe, expect, it } from 'vitest';
import { corsHeaders } from '#model/derive.ts';
import { settings } from '#model/settings.ts';

const allowing = (...allowOrigins: string[]) => ({ ...settings.cors, allowOrigins });

describe('Function: corsHeaders()', () => {
  it('grants nothing by default, whatever the origin', () => {
    expect(corsHeaders(settings.cors, 'https://a.example', true)).toEqual({});
    expect(corsHeaders(settings.cors, undefined, false)).toEqual({});
  });

  it('names an allowed origin (varying by it), and adds the preflight headers to a preflight only', () => {
    const cors = allowing('https://a.example', 'https://b.example');
    expect(corsHeaders(cors, 'https://b.example', false)).toEqual({
      'access-control-allow-origin': 'https://b.example',
      vary: 'origin',
    });
    expect(corsHeaders(cors, 'https://b.example', true)).toMatchObject({
      'access-control-allow-methods': settings.cors.allowMethods.join(','),
      'access-control-allow-headers': settings.cors.allowHeaders.join(','),
      'access-control-max-age': String(settings.cors.maxAgeSeconds),
    });
  });

  it('grants an origin not in the list nothing, and any origin `*` when the list holds it', () => {
    expect(corsHeaders(allowing('https://a.example'), 'https://evil.example', true)).toEqual({});
    expect(corsHeaders(allowing('*'), 'https://evil.example', false)).toEqual({ 'access-control-allow-origin': '*' });
  });
});
