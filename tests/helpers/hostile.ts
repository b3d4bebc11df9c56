// Inputs for the API fuzzing suite: a plausible value for an OpenAPI schema (so one hostile field at a
// time gets past the others), hostile values for fields and parameters, and hostile raw bodies.
import { randomUUID } from 'node:crypto';

export interface Schema {
  readonly type?: string | readonly string[];
  readonly $ref?: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly example?: unknown;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly minLength?: number;
  readonly minItems?: number;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly allOf?: readonly Schema[];
}

/** Candidates for a string with a `pattern`: the first one it accepts is used. */
const PATTERN_GUESSES = ['1', '10', 'abc', 'a1b2c3', '#ff8800', '2026-01-01T00:00:00.000Z', randomUUID()];

/** A value the schema plausibly accepts (examples and defaults first). */
export const sample = (schema: Schema, resolve: (ref: string) => Schema): unknown => {
  if (schema.$ref) return sample(resolve(schema.$ref), resolve);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (union) return sample(union[0]!, resolve);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sample(s, resolve)]));
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => sample(schema.items ?? {}, resolve));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.pattern) return PATTERN_GUESSES.find((g) => new RegExp(schema.pattern!, 'u').test(g)) ?? 'x';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    default:
      return 'x';
  }
};

const nested = (depth: number): unknown => {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** Hostile strings: empty, blank, huge, control and format characters, lone surrogates, numbers' edges, injections. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' \t\n',
  'x'.repeat(20_000),
  'a\u0000b',
  'x\uD800y',
  '\u202E\u200B\uFEFF',
  'Z̸̨͖a̴l̷g̶o̵𝕏',
  '-1',
  '1e400',
  '99999999999999999999999999',
  '../../etc/passwd%',
  "' OR '1'='1 <script>",
];

/** Hostile JSON values for a body field: some of the strings above, other types, and deep nesting. */
export const HOSTILE_VALUES: readonly unknown[] = [
  '',
  'x'.repeat(20_000),
  'a\u0000b',
  'x\uD800y',
  'Z̸̨͖a̴l̷g̶o̵𝕏',
  '1e400',
  null,
  true,
  -1,
  0.00001,
  1e308,
  2 ** 53 + 1,
  [],
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  nested(500),
];

/**
 * Percent-encodes a path segment byte by byte; lone surrogates become their (invalid UTF-8) WTF-8
 * bytes, which encodeURIComponent refuses to produce.
 */
export const encodeSegment = (text: string): string => {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(char);
  }
  return out;
};

export interface RawBody {
  readonly what: string;
  readonly contentType?: string;
  readonly body: string | Uint8Array<ArrayBuffer>;
}

/** Hostile whole bodies, given the operation's plausible JSON body (if it takes one). */
export const hostileBodies = (plausible: unknown): RawBody[] => {
  const json = plausible === undefined ? '{"a":1}' : JSON.stringify(plausible);
  return [
    { what: 'an empty JSON body', contentType: 'application/json', body: '' },
    { what: 'malformed JSON', contentType: 'application/json', body: '{"a":' },
    { what: 'a truncated body', contentType: 'application/json', body: json.slice(0, Math.ceil(json.length / 2)) },
    { what: 'JSON null', contentType: 'application/json', body: 'null' },
    { what: 'a JSON array', contentType: 'application/json', body: '[1,2]' },
    { what: 'a JSON string', contentType: 'application/json', body: '"text"' },
    { what: 'deeply nested JSON', contentType: 'application/json', body: `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
    {
      what: 'a body over the JSON limit',
      contentType: 'application/json',
      body: JSON.stringify({ pad: 'x'.repeat(300 * 1024) }),
    },
    {
      what: 'invalid UTF-8',
      contentType: 'application/json',
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    },
    { what: 'a lone surrogate escape', contentType: 'application/json', body: json.replace(/"x"/, '"\\ud800"') },
    { what: 'JSON as text/plain', contentType: 'text/plain', body: json },
    { what: 'JSON without a content type', body: json },
    { what: 'JSON declared as UTF-16', contentType: 'application/json; charset=utf-16', body: json },
    { what: 'multipart without a boundary', contentType: 'multipart/form-data', body: json },
    { what: 'a form', contentType: 'application/x-www-form-urlencoded', body: 'a=1&a=2&b=%zz' },
  ];
};
