// List handlers sign cursors with the `cursor-signing-key` secret: its id comes from the environment
// (as the stack sets it), its value from a mocked Secrets Manager.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { vi } from 'vitest';
import { CURSOR_KEY_SECRET } from '#model/constants.ts';
import { secretEnv } from '#model/env.ts';

export const stubCursorKey = (): void => {
  vi.stubEnv(secretEnv(CURSOR_KEY_SECRET), 'cursor-signing-key-id');
  mockClient(SecretsManagerClient)
    .on(GetSecretValueCommand, { SecretId: 'cursor-signing-key-id' })
    .resolves({ SecretString: 'test-cursor-key' });
};
