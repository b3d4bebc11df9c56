// Lines of at most 120 characters, for what the formatter cannot wrap: comments, and code it left long. Biome has
// no max-len rule, so this is ESLint's max-len with ignoreUrls, ignoreStrings, ignoreTemplateLiterals and
// ignoreRegExpLiterals, told apart by characters rather than tokens: a code line that holds a quote, a backtick or a
// slash is one the formatter could not break, so it passes; a comment passes only if it holds a URL.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const MAX = 120;
const CHECKED = /\.(ts|js|mjs|cjs|css|html|jsonc?)$/;
const COMMENT = /^\s*(\/\/|\/\*|\*)/;
const TRAILING_COMMENT = /\s\/\/\s/;
const URL = /\bhttps?:\/\//;
const LITERAL = /['"`/]/;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => CHECKED.test(f) && !f.startsWith('events/') && f !== 'package-lock.json' && existsSync(f));

const tooLong = (line: string): boolean => {
  if (line.length <= MAX || URL.test(line)) return false;
  if (COMMENT.test(line)) return true;
  const trailing = line.search(TRAILING_COMMENT);
  const code = trailing === -1 ? line : line.slice(0, trailing);
  return !LITERAL.test(code);
};

let found = 0;
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!tooLong(line)) return;
      found++;
      console.error(`${file}:${i + 1}: ${line.length} characters (max ${MAX})`);
    });
}
if (found) {
  console.error(`${found} line(s) longer than ${MAX} characters`);
  process.exit(1);
}
