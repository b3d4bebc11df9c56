import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares two strings in time independent of where they differ (and of their lengths). */
export const constantTimeEquals = (a: string, b: string): boolean =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
