// Every relative link in the repository's Markdown leads somewhere: the file exists and, when the link names a
// heading (`docs/testing.md#a-second-emulator-moto`), that heading does. README.md is the front door and the
// rest of the documentation hangs off its links, so a moved or renamed page must not leave one dangling.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = normalize(join(import.meta.dirname, '../..'));

const markdownFiles = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => file && existsSync(join(ROOT, file)));

const withoutFences = (markdown: string): string => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/** The text outside code, where a `[x](y)` is a link. */
const prose = (markdown: string): string => withoutFences(markdown).replace(/`[^`\n]*`/g, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const anchorsOf = (file: string): Set<string> => {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of withoutFences(readFileSync(file, 'utf8')).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(heading!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count ? `${base}-${count}` : base);
  }
  return anchors;
};

interface Link {
  readonly from: string;
  readonly target: string;
}

const links: Link[] = markdownFiles.flatMap((from) =>
  [...prose(readFileSync(join(ROOT, from), 'utf8')).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
    .map(([, target]) => ({ from, target: target! }))
    .filter(({ target }) => !/^[a-z][a-z0-9+.-]*:/i.test(target)),
);

const isDead = ({ from, target }: Link): boolean => {
  const [path = '', anchor] = target.split('#');
  const file = path ? join(ROOT, dirname(from), decodeURIComponent(path)) : join(ROOT, from);
  if (!existsSync(file)) return true;
  if (anchor === undefined || statSync(file).isDirectory()) return false;
  return !anchorsOf(file).has(decodeURIComponent(anchor).toLowerCase());
};

describe('Repository: Markdown links', () => {
  it('has no relative link to a missing file or heading', () => {
    const dead = links.filter(isDead).map(({ from, target }) => `${from} -> ${target}`);

    expect(dead).toEqual([]);
  });

  it('sees the links it checks', () => {
    expect(markdownFiles).toContain('README.md');
    expect(links.length).toBeGreaterThan(10);
  });
});
