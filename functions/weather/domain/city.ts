// City names as people type them ("  são   PAULO ") -> one display form and one lookup key, so the
// cache, the history and the bulk dedupe agree on what "the same city" is.

/** Trimmed, inner whitespace collapsed, Unicode-normalised (NFC); case kept for display. */
export const displayCity = (name: string): string => name.normalize('NFC').trim().replace(/\s+/g, ' ');

/** The identity of a city: display form, lower-cased, diacritics removed ("Sao Paulo" = "São Paulo"). */
export const cityKey = (name: string): string =>
  displayCity(name)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
