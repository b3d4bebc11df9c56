// Dates and numbers in the reader's locale. Some systems report a POSIX-style tag that Intl rejects
// (`en-US@posix`, `de_DE.UTF-8`): such a tag is cut to its language and region, or else English is used.
const accepted = (tag: string): string | undefined => {
  for (const candidate of [tag, tag.replace(/[@.].*$/, '').replace('_', '-')]) {
    try {
      return Intl.getCanonicalLocales(candidate)[0];
    } catch {
      // A RangeError: try the next form.
    }
  }
  return undefined;
};

export const LOCALE: string =
  [...(navigator.languages ?? []), navigator.language].map((t) => t && accepted(t)).find(Boolean) ?? 'en';

/**
 * Makes `navigator.language` a tag Intl accepts, for libraries that format with it directly (uPlot builds an
 * `Intl.NumberFormat(navigator.language)` when it loads, which throws on `en-US@posix`).
 */
export const guardNavigatorLanguage = (): void => {
  if (accepted(navigator.language) === navigator.language) return;
  Object.defineProperty(navigator, 'language', { value: LOCALE, configurable: true });
};

const numbers = new Map<number, Intl.NumberFormat>();
export const formatNumber = (n: number, digits = 0): string => {
  let format = numbers.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits, minimumFractionDigits: digits });
    numbers.set(digits, format);
  }
  return format.format(n);
};

const dates = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'medium' });
/** A `<time>` showing an ISO timestamp in the reader's locale; the exact value stays in its attribute. */
export const timeElement = (iso: string | null | undefined): HTMLElement | string => {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return Object.assign(document.createElement('time'), { dateTime: iso, textContent: dates.format(date), title: iso });
};
