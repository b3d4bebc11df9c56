/** A manifest resource by name; a dangling reference fails synth with the name, not a crash on `undefined`. */
export const lookup = <T>(map: ReadonlyMap<string, T>, name: string, kind: string): T => {
  const found = map.get(name);
  if (found === undefined) throw new Error(`Unknown ${kind} '${name}' in the app manifest`);
  return found;
};
