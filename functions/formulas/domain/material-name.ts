/**
 * The identity of a material name: trimmed, inner whitespace collapsed, case-folded, Unicode NFC.
 * JavaScript has no caseFold(); upper- then lower-casing applies the full (multi-character) mappings,
 * so "Straße" and "STRASSE" fold alike, and NFC last recomposes what the case mapping decomposed.
 */
export const normaliseMaterialName = (name: string): string =>
  displayName(name).toUpperCase().toLowerCase().normalize('NFC');

/** The name as stored and shown: NFC, trimmed, inner whitespace collapsed, case kept. */
export const displayName = (name: string): string => name.normalize('NFC').trim().replace(/\s+/g, ' ');
