// Launches Chromium for the browser tests. By default it is the headless-shell build inside the npm package
// @sparticuz/chromium (x64 Linux), so `npm ci` brings it and no test needs a system browser or a download;
// CHROMIUM_PATH names a system Chromium instead. The package's own launch arguments are made for Lambda
// (they disable web security and site isolation), so none of them is used: the flags below only keep
// Chromium from reaching for the network, which this machine does not have.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Unpacks the package's brotli-compressed binary once per package version into node_modules/.cache. It is
 * written into a folder of this process's own and renamed into place, so two test runs at once never start
 * a half-written binary (the package's own `executablePath()` unpacks into a fixed path in /tmp).
 */
export const packagedChromium = async (): Promise<string> => {
  const pkg = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..');
  const { version } = JSON.parse(await readFile(join(pkg, 'package.json'), 'utf8')) as { version: string };
  const dir = join(root, 'node_modules', '.cache', 'sparticuz-chromium', version);
  const executable = join(dir, 'chromium');
  if (existsSync(executable)) return executable;
  const staging = `${dir}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const out = createWriteStream(join(staging, 'chromium'), { mode: 0o755 });
    await pipeline(createReadStream(join(pkg, 'bin', 'chromium.br')), createBrotliDecompress(), out);
    await rename(staging, dir);
  } catch (error) {
    // Another run renamed its copy into place first: use that one.
    if (!existsSync(executable)) throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return executable;
};

// No --lang: the packaged Chromium reports `en-US@posix` as navigator.language, a tag Intl rejects, which the
// pages must survive (web/lib/locale.ts); the mouse page's test fails if one does not.
export const launchBrowser = async (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || (await packagedChromium()),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
