// One Secrets Manager secret per distinct secret name any function reads. Values are generated at
// deploy time and never appear in code or templates; a third-party key is set afterwards with
// `aws secretsmanager put-secret-value --secret-id <arn> --secret-string ...`.
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class Secrets extends Construct {
  readonly byName = new Map<string, Secret>();

  constructor(scope: Construct, id: string, names: readonly string[]) {
    super(scope, id);
    for (const name of new Set(names)) {
      const secret = new Secret(this, name, {
        description: `Secret '${name}' of the serverless suite (read by the functions that declare it).`,
        // No punctuation: the API key travels in an x-api-key header and is pasted into shells.
        generateSecretString: { passwordLength: 40, excludePunctuation: true },
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'A static key (the API key, the cursor signing key, a third-party key) has no rotation Lambda to run; rotate with put-secret-value (functions re-read the API key within five minutes, the cursor key on their next cold start).',
      });
      this.byName.set(name, secret);
    }
  }
}
