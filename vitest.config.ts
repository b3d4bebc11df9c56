import { defineConfig } from 'vitest/config';
import { dataFilePlugin } from './build/data-files.ts';
import './scripts/require-node.ts';

// Unit and handler tests run in parallel; suites that boot the sandbox (a DynamoDB Local JVM, fauxqs,
// function workers) run one file at a time so they do not starve each other on a small machine.
export default defineConfig({
  test: {
    projects: [
      {
        // Function sources import data files (build/data-files.ts).
        plugins: [dataFilePlugin],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/handlers/**/*.test.ts', 'tests/infra/**/*.test.ts'],
          env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true', AWS_REGION: 'us-east-1' },
          globalSetup: ['tests/setup/requires-cfn-lint.ts'],
          setupFiles: ['tests/setup/own-tmpdir.ts'],
          testTimeout: 60_000,
        },
      },
      {
        plugins: [dataFilePlugin],
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/setup/requires-java.ts'],
          setupFiles: ['tests/setup/own-tmpdir.ts'],
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
