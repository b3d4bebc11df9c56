// A minimal Secrets Manager endpoint (GetSecretValue only, AWS JSON 1.1 protocol) so functions read
// secrets through the ordinary SDK client, pointed here by AWS_ENDPOINT_URL_SECRETS_MANAGER.
import { createServer } from 'node:http';
import { listen } from './http/server.ts';

export interface SecretsEndpoint {
  readonly url: string;
  stop(): Promise<void>;
}

export const startSecretsEndpoint = async (secrets: Readonly<Record<string, string>>): Promise<SecretsEndpoint> => {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const reply = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
        return reply(400, { __type: 'UnsupportedOperation', message: 'The sandbox serves GetSecretValue only.' });
      }
      const { SecretId } = JSON.parse(raw || '{}') as { SecretId?: string };
      const value = SecretId === undefined ? undefined : secrets[SecretId];
      if (value === undefined) {
        return reply(400, {
          __type: 'ResourceNotFoundException',
          message: "Secrets Manager can't find the specified secret.",
        });
      }
      reply(200, {
        ARN: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${SecretId}`,
        Name: SecretId,
        SecretString: value,
        VersionId: 'local',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 0,
      });
    });
  });
  const port = await listen(server, 0);
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(() => r())) };
};
