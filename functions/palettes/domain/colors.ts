/** `#RGB` or `#RRGGBB`, any case. */
export const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** Canonical form of a hex colour: lowercase `#rrggbb` (`#ABC` -> `#aabbcc`). */
export const normaliseColor = (color: string): string => {
  if (!HEX_COLOR.test(color)) throw new RangeError(`'${color}' is not a #RGB or #RRGGBB colour`);
  const hex = color.slice(1).toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`;
};
