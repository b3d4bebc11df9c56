// Secrets are fetched from Secrets Manager by id (env SECRET_<NAME> holds the id, never the value)
// and cached per execution environment for five minutes so rotation is picked up without a deploy.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from './config.ts';
import { secretEnv } from '#model/env.ts';

const TTL_MS = 5 * 60 * 1000;
const cache = new Map<string, { value: string; expires: number }>();
let client: SecretsManagerClient | undefined;

export const getSecret = async (name: string): Promise<string> => {
  const hit = cache.get(name);
  if (hit && hit.expires > Date.now()) return hit.value;
  const secretId = process.env[secretEnv(name)];
  if (!secretId) throw new ConfigError(`Missing environment variable ${secretEnv(name)} for secret '${name}'.`);
  client ??= new SecretsManagerClient({});
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!SecretString) throw new ConfigError(`Secret '${name}' has no string value.`);
  cache.set(name, { value: SecretString, expires: Date.now() + TTL_MS });
  return SecretString;
};
