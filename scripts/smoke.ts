// `npm run smoke -- --url <WebUrl or ApiUrl> [--api-key K] [--api-only]`: walks each service of a
// deployment (or the sandbox) once, prints a table of steps with pass/fail and latency, and exits non-zero
// when any step fails. Steps needing the API key are skipped without one; the UI's with --api-only (an
// ApiUrl serves no pages: the web stack's CloudFront does, and it may not be deployed yet).
import { parseArgs } from 'node:util';
import { Client } from './smoke/client.ts';
import { smokeSteps } from './smoke/steps.ts';

const { values } = parseArgs({
  options: { url: { type: 'string' }, 'api-key': { type: 'string' }, 'api-only': { type: 'boolean' } },
});
if (!values.url) {
  console.error('usage: npm run smoke -- --url <WebUrl or ApiUrl> [--api-key K] [--api-only]');
  process.exit(2);
}
// A base with a path (an ApiUrl never has one, but a stage URL might) keeps it for every call.
const base = values.url.endsWith('/') ? values.url : `${values.url}/`;
const client = new Client(base, values['api-key']);

const rows: [string, string, string, string, string][] = [];
let failed = 0;
for (const step of smokeSteps()) {
  if (step.apiKey && !client.hasApiKey) {
    rows.push([step.service, step.name, 'skip', '', 'needs --api-key']);
    continue;
  }
  if (values['api-only'] && step.service === 'ui') {
    rows.push([step.service, step.name, 'skip', '', '--api-only: the pages are served by CloudFront (WebUrl)']);
    continue;
  }
  const started = performance.now();
  try {
    const detail = await step.run(client);
    rows.push([step.service, step.name, 'pass', `${Math.round(performance.now() - started)}`, detail]);
  } catch (error) {
    failed++;
    rows.push([
      step.service,
      step.name,
      'FAIL',
      `${Math.round(performance.now() - started)}`,
      (error as Error).message,
    ]);
  }
}

const header: (typeof rows)[number] = ['service', 'step', 'result', 'ms', 'detail'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 4 ? 0 : r[i]!.length))));
const line = (r: readonly string[]) =>
  r
    .map((c, i) => (i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
    .join('  ')
    .trimEnd();
console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
console.log(
  `\n${rows.length - failed - rows.filter((r) => r[2] === 'skip').length} passed, ${failed} failed, ${rows.filter((r) => r[2] === 'skip').length} skipped against ${base}`,
);
process.exit(failed > 0 ? 1 : 0);
