// The materials textarea, one `name, concentration` line each, read strictly: anything a person could mean
// two ways (a decimal comma, a % sign, two numbers) is refused with the line's number, never reinterpreted.
export interface MaterialLine {
  /** The textarea's line number, 1-based, blank lines counted. */
  readonly line: number;
  readonly name: string;
  /** Exactly as typed, so it reaches the API unrounded. */
  readonly concentration: string;
}

const NUMBER = /^\d+(\.\d+)?$/;

/** The problem with one non-blank line, or undefined when it reads one way only. */
const problemOf = (text: string, name: string, concentration: string): string | undefined => {
  if (/\d,\d/.test(text)) return 'a comma between digits looks like a decimal comma; write the decimal point (2.5)';
  if (concentration.includes('%')) return 'leave out the % sign (concentrations are already percentages)';
  if (!name) return 'the material needs a name before the comma';
  if (/,\s*[\d.]+$/.test(name)) return 'one concentration per line: this line has two numbers';
  if (!concentration) return 'add a comma and the concentration after the name (e.g. "Vanilla, 3.25")';
  if (!NUMBER.test(concentration)) return `the concentration "${concentration}" must be a number such as 15.5`;
  return undefined;
};

export const parseMaterials = (text: string): { materials: MaterialLine[]; problems: string[] } => {
  const materials: MaterialLine[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const comma = line.lastIndexOf(',');
    const name = comma < 0 ? line : line.slice(0, comma).trim();
    const concentration = comma < 0 ? '' : line.slice(comma + 1).trim();
    const problem = problemOf(line, name, concentration);
    if (problem) problems.push(`Line ${i + 1}: ${problem}.`);
    else materials.push({ line: i + 1, name, concentration });
  });
  if (!materials.length && !problems.length) problems.push('Add at least one material.');
  return { materials, problems };
};
