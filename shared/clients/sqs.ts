// Built once per execution environment (see dynamodb.ts).
import { SQSClient } from '@aws-sdk/client-sqs';

let sqs: SQSClient | undefined;

// The configured endpoint, not the queue URL's host: emulators hand out URLs whose host (e.g.
// sqs.us-east-1.localhost) does not resolve; in AWS both are the regional endpoint.
export const sqsClient = (): SQSClient => (sqs ??= new SQSClient({ useQueueUrlAsEndpoint: false }));
