// What `sam local invoke` relies on in a synthesized template (docs/deploying.md): a function's
// `aws:asset:path` metadata names a folder of the cloud assembly that holds the file its Handler names.
// Every function is bundled by the same options (build/bundling.ts; tests/infra/bundles.test.ts builds and
// weighs them all), so bundling one service stack proves the layout: bundling all 45 synchronously held a
// test worker for minutes. The web stack's UI build is the web tests' concern.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_NAME, buildSuite } from '#infra/suite.ts';
import { app as manifest } from '#app';
import { optionsWith } from './synth.ts';

interface LambdaResource {
  Type: string;
  Metadata?: Record<string, unknown>;
  Properties: { Handler?: string; Code: { ZipFile?: unknown } };
}

/** The stack bundled for real: the math service, two functions. */
const BUNDLED = `${APP_NAME}-math`;

let outdir: string;
let functions: { stack: string; path: string; resource: LambdaResource }[];

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'sam-test-'));
  const services = [...new Set(manifest.functions.map((f) => `${APP_NAME}-${f.service}`))];
  expect(services).toContain(BUNDLED);
  const app = new App({
    outdir,
    // What the CDK CLI sets for every synth: the metadata SAM reads.
    context: {
      'aws:cdk:bundling-stacks': [BUNDLED],
      'aws:cdk:enable-asset-metadata': true,
      'aws:cdk:enable-path-metadata': true,
    },
    builtinCloudFormationValidation: false,
  });
  buildSuite(app, APP_NAME, { manifest, options: optionsWith() });
  const assembly = app.synth();
  functions = services.flatMap((stack) => {
    const template = JSON.parse(readFileSync(join(outdir, assembly.getStackByName(stack).templateFile), 'utf8'));
    return Object.values(template.Resources as Record<string, LambdaResource>)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((resource) => ({ stack, path: String(resource.Metadata?.['aws:cdk:path']), resource }));
  });
}, 300_000);

afterAll(() => rm(outdir, { recursive: true, force: true }));

describe('Stacks: what SAM reads', () => {
  it('finds every manifest function in its service stack, with asset metadata', () => {
    for (const fn of manifest.functions) {
      const found = functions.filter((f) => f.path === `${APP_NAME}-${fn.service}/${fn.name}/handler/Resource`);
      expect(found, fn.name).toHaveLength(1);
      expect(found[0]!.resource.Metadata, fn.name).toMatchObject({
        'aws:asset:property': 'Code',
        'aws:asset:path': expect.any(String),
      });
    }
  });

  it("points every function's asset at a built folder holding the file its handler names", () => {
    const bundled = functions.filter((f) => f.stack === BUNDLED);
    expect(bundled.map((f) => f.resource.Metadata?.['aws:asset:is-bundled'])).toEqual([true, true]);
    const missing = bundled
      .filter((f) => f.resource.Properties.Code.ZipFile === undefined)
      .flatMap(({ path, resource }) => {
        const folder = join(outdir, String(resource.Metadata?.['aws:asset:path']));
        const file = resource.Properties.Handler!.split('.')[0]!;
        const built = ['js', 'mjs', 'cjs'].some((ext) => existsSync(join(folder, `${file}.${ext}`)));
        return built ? [] : [`${path}: no ${file}.{js,mjs,cjs} in ${folder}`];
      });
    expect(missing).toEqual([]);
  });
});
