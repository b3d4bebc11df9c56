// The security headers of every response the app's origin serves, pages and API alike. CloudFront adds
// them through a response headers policy (infra/constructs/web.ts); the sandbox sends the same ones
// (local/http/server.ts). The reasons and what each one stops: docs/security.md.

/**
 * The pages load only their own scripts and styles (no inline code, no CDN) and call only their own
 * origin, and `uploadOrigin`: where a presigned URL sends a large CSV (the weather page's bulk import).
 * Swagger UI's icons are data: URIs. Nothing may frame a page.
 */
export const contentSecurityPolicy = (uploadOrigin: string): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${uploadOrigin}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** S3's virtual-hosted endpoints of a region, which presigned URLs name (`<bucket>.s3.<region>.amazonaws.com`). */
export const s3UploadOrigin = (region: string): string => `https://*.s3.${region}.amazonaws.com`;

/** Two years, the HSTS preload list's minimum (hstspreload.org); subdomains too. */
export const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

/** Full URLs only to the same origin: a page's path (a team or palette id) never leaves the site. */
export const REFERRER_POLICY = 'same-origin';

/** The headers as sent, lower-case names. */
export const securityHeaders = (uploadOrigin: string): Readonly<Record<string, string>> => ({
  'content-security-policy': contentSecurityPolicy(uploadOrigin),
  'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': REFERRER_POLICY,
});
