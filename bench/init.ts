// Cold-start cost of every function: builds each bundle exactly as the stack does (build/bundling.ts),
// then imports it in fresh Node processes and takes the median import time. The baseline is the same
// handler with @aws-sdk/* left external and resolved from node_modules, as the Lambda runtime's own
// SDK would be, measured in the same run (the two alternate, so machine load hits both alike).
//   npm run bench:init -- [--runs 10] [--only math-calculate,weather-healthz] [--source-maps math-calculate]
// Functions run without NODE_OPTIONS, as the stack deploys them: each bundle maps its own stack traces
// on the first one printed (shared/stack-traces.ts). --source-maps times one function's import and first
// unexpected error (logged with its stack) that way and with --enable-source-maps, which indexes the map
// at import, and the two halves of the work on its map: reading it and decoding its mappings.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { functionBuildOptions, runtimeSdkBuildOptions } from '#build/bundling.ts';
import { app } from '#app';
import { functionEnvironment, type ResourceNames } from '#model/derive.ts';
import type { FunctionDef } from '#model/manifest.ts';

const ROOT = join(import.meta.dirname, '..');
const BUDGET_KB = 350;
const TARGET_RATIO = 0.5;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    only: { type: 'string' },
    'source-maps': { type: 'string' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
const only = values.only?.split(',');
const functions = app.functions.filter((f) => !only || only.includes(f.name));
if (functions.length === 0) throw new Error(`no function named ${values.only}`);

// Placeholder names: importing a handler only needs its variables to be set.
const names: ResourceNames = {
  table: (n) => `bench-${n}`,
  queueUrl: (n) => `https://sqs.us-east-1.amazonaws.com/000000000000/${n}`,
  bucket: (n) => `bench-${n}`,
  secretId: (n) => `bench-${n}`,
};

/** A fresh process per run with only the function's environment (no inherited NODE_OPTIONS from tsx). */
const child = async (
  fn: FunctionDef,
  file: string,
  nodeOptions: string,
  probe: string,
): Promise<Record<string, number | string>> => {
  const env = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    NODE_OPTIONS: nodeOptions,
    BENCH_BUNDLE: pathToFileURL(file).href,
    ...functionEnvironment(app, fn, names),
  };
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', probe], {
    env,
    maxBuffer: 1 << 24,
  });
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Record<string, number | string>;
};

// Prints one JSON line last: the import time, and with an error probe, the first unexpected error's cost.
const IMPORT_PROBE = `
const t0 = performance.now();
await import(process.env.BENCH_BUNDLE);
console.log(JSON.stringify({ importMs: performance.now() - t0 }));`;
const ERROR_PROBE = `
const t0 = performance.now();
const { handler } = await import(process.env.BENCH_BUNDLE);
const importMs = performance.now() - t0;
const lines = [];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk) => (lines.push(String(chunk)), true);
// A null event fails inside the bundle: either the pipeline logs it with its stack, or it is thrown here.
const invoke = async () => {
  const t = performance.now();
  try {
    await handler(null, { getRemainingTimeInMillis: () => 1000 });
  } catch (error) {
    lines.push(String(error.stack));
  }
  return performance.now() - t;
};
const firstErrorMs = await invoke();
const nextErrorMs = await invoke();
process.stdout.write = write;
const logged = lines.join('');
console.log(JSON.stringify({ importMs, firstErrorMs, nextErrorMs, mapped: /\\.ts:\\d+/.test(logged) ? 'yes' : 'no' }));`;

// The smallest S3 function there can be: S3Client and one command, nothing of this project's.
const S3_FLOOR = `import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const handler = (input) => s3.send(new GetObjectCommand(input));`;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const kb = async (file: string): Promise<number> => (await stat(file)).size / 1000;

await mkdir(join(ROOT, 'node_modules', '.cache'), { recursive: true });
// Under node_modules so the baseline's external @aws-sdk/* imports resolve as they would in the runtime.
const workdir = await mkdtemp(join(ROOT, 'node_modules', '.cache', 'bench-init-'));
try {
  const built = await Promise.all(
    functions.map(async (fn) => {
      const deploy = functionBuildOptions(ROOT, app, fn, join(workdir, fn.name, 'deploy'));
      const baseline = runtimeSdkBuildOptions(ROOT, app, fn, join(workdir, fn.name, 'runtime-sdk'));
      const [{ metafile }] = await Promise.all([esbuild.build({ ...deploy, metafile: true }), esbuild.build(baseline)]);
      // Carries no SDK: no byte of its bundle comes from the SDK's packages.
      const inputs = Object.entries(metafile.outputs[deploy.outfile.slice(ROOT.length + 1)]?.inputs ?? {});
      const sdk = inputs.some(
        ([file, { bytesInOutput }]) => /node_modules\/@(aws-sdk|smithy)\//.test(file) && bytesInOutput > 0,
      );
      return { fn, sdk, deploy: deploy.outfile, baseline: baseline.outfile };
    }),
  );
  console.log(`node ${process.version}, ${runs} runs each; init = median time to import the bundle`);
  const header = ['function', 'bundle kB', 'init ms', 'runtime-SDK kB', 'runtime-SDK init ms', 'ratio'];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
  const heavy: string[] = [];
  const slow: string[] = [];
  // A function that calls no AWS service carries no SDK: both builds hold the same code, and the ratio is
  // ~1 by construction, which says nothing about the SDK. They are listed apart, with their init.
  const noSdk: string[] = [];
  for (const { fn, sdk, deploy, baseline } of built) {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < runs; i++) {
      ours.push(Number((await child(fn, deploy, '', IMPORT_PROBE)).importMs));
      theirs.push(Number((await child(fn, baseline, '', IMPORT_PROBE)).importMs));
    }
    const [size, ms, baseMs] = [await kb(deploy), median(ours), median(theirs)];
    const ratio = ms / baseMs;
    if (size > BUDGET_KB) heavy.push(fn.name);
    if (!sdk) noSdk.push(`${fn.name} ${ms.toFixed(1)} ms`);
    if (sdk && ratio > TARGET_RATIO) slow.push(fn.name);
    console.log(
      `| ${fn.name} | ${size.toFixed(0)} | ${ms.toFixed(1)} | ${(await kb(baseline)).toFixed(0)} | ${baseMs.toFixed(1)} | ${ratio.toFixed(2)}${sdk ? '' : ' (no SDK)'} |`,
    );
  }
  console.log(
    `Over ${BUDGET_KB} kB: ${heavy.length} of ${built.length}${heavy.length ? ` (${heavy.join(', ')})` : ''}`,
  );
  console.log(
    `Over ${TARGET_RATIO}x the runtime-SDK init: ${slow.length} of the ${built.length - noSdk.length} with an SDK${slow.length ? ` (${slow.join(', ')})` : ''}`,
  );
  if (noSdk.length) console.log(`No SDK, so the same code both ways: ${noSdk.join(', ')}`);
  if (heavy.length) {
    // What S3's client weighs before any of the function's own code: the floor under those budgets.
    const floor = await esbuild.build({
      ...functionBuildOptions(ROOT, app, built[0]!.fn, join(workdir, 's3-floor')),
      entryPoints: undefined,
      stdin: { contents: S3_FLOOR, resolveDir: ROOT, sourcefile: 's3-floor.js' },
      write: false,
    });
    const bytes = floor.outputFiles.find((f) => f.path.endsWith('.mjs'))!.contents.byteLength;
    console.log(`S3's client alone (one GetObjectCommand, bundled the same way): ${(bytes / 1000).toFixed(0)} kB`);
  }

  const probed = values['source-maps'] && built.find((b) => b.fn.name === values['source-maps']);
  if (probed) {
    const variants = { '(none): mapped on the first stack': '', '--enable-source-maps': '--enable-source-maps' };
    console.log(
      `\nSource maps, ${probed.fn.name} (medians of ${runs}): import, first and second unexpected error (logged with its stack)`,
    );
    console.log(
      '| NODE_OPTIONS | import ms | first error ms | next error ms | stack mapped to .ts |\n| --- | --- | --- | --- | --- |',
    );
    const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, [] as Record<string, number | string>[]]));
    for (let i = 0; i < runs; i++) {
      for (const [label, options] of Object.entries(variants))
        samples[label]!.push(await child(probed.fn, probed.deploy, options, ERROR_PROBE));
    }
    for (const [label, rows] of Object.entries(samples)) {
      const m = (k: string): string => median(rows.map((r) => Number(r[k]))).toFixed(1);
      console.log(`| ${label} | ${m('importMs')} | ${m('firstErrorMs')} | ${m('nextErrorMs')} | ${rows[0]!.mapped} |`);
    }
    const read: number[] = [];
    const decode: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const payload = JSON.parse(await readFile(`${probed.deploy}.map`, 'utf8')) as ConstructorParameters<
        typeof SourceMap
      >[0];
      const t1 = performance.now();
      new SourceMap(payload).findEntry(0, 0);
      read.push(t1 - t0);
      decode.push(performance.now() - t1);
    }
    console.log(
      `map ${(await kb(`${probed.deploy}.map`)).toFixed(0)} kB: read + JSON.parse ${median(read).toFixed(1)} ms, decoding the mappings ${median(decode).toFixed(1)} ms`,
    );
  }
} finally {
  await rm(workdir, { recursive: true, force: true });
}
