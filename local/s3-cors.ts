// How S3 evaluates a bucket's CORS rules: the first rule that allows the request's origin, its method
// (a preflight's Access-Control-Request-Method) and every header a preflight names is the one used, and
// its headers are the answer.
import type { CorsRule } from '#model/bucket-cors.ts';

export interface CorsRequest {
  readonly origin: string;
  readonly method: string;
  /** A preflight's Access-Control-Request-Headers, lower-case; none for the actual request. */
  readonly headers: readonly string[];
}

/** An origin or header pattern with at most one `*`, as S3 allows. */
const matches = (pattern: string, value: string): boolean => {
  const [head = '', tail] = pattern.split('*');
  if (tail === undefined) return value === head;
  return value.length >= head.length + tail.length && value.startsWith(head) && value.endsWith(tail);
};

const matchingRule = (rules: readonly CorsRule[], request: CorsRequest): CorsRule | undefined =>
  rules.find(
    (rule) =>
      rule.allowedOrigins.some((o) => matches(o, request.origin)) &&
      (rule.allowedMethods as readonly string[]).includes(request.method) &&
      request.headers.every((h) => rule.allowedHeaders.some((a) => matches(a.toLowerCase(), h))),
  );

const corsHeaders = (rule: CorsRule, request: CorsRequest): Record<string, string> => ({
  'access-control-allow-origin': rule.allowedOrigins.includes('*') ? '*' : request.origin,
  'access-control-allow-methods': rule.allowedMethods.join(', '),
  ...(request.headers.length > 0 && { 'access-control-allow-headers': request.headers.join(', ') }),
  'access-control-max-age': String(rule.maxAgeSeconds),
  vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
});

/**
 * S3's CORS headers for a request the rules allow (`*` for a rule that allows any origin, else the origin
 * itself); undefined for one they do not.
 */
export const corsAnswer = (rules: readonly CorsRule[], request: CorsRequest): Record<string, string> | undefined => {
  const rule = matchingRule(rules, request);
  return rule && corsHeaders(rule, request);
};
