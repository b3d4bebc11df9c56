// AWS SDK clients, built once per execution environment. Endpoints come from the standard
// AWS_ENDPOINT_URL_<SERVICE> variables (set by the sandbox, absent in AWS), so there is no local branch.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

let dynamo: DynamoDBDocumentClient | undefined;
let sqs: SQSClient | undefined;
let s3: S3Client | undefined;

export const documentClient = (): DynamoDBDocumentClient =>
  (dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }));

// The configured endpoint, not the queue URL's host: emulators hand out URLs whose host (e.g.
// sqs.us-east-1.localhost) does not resolve; in AWS both are the regional endpoint.
export const sqsClient = (): SQSClient => (sqs ??= new SQSClient({ useQueueUrlAsEndpoint: false }));

// Emulators serve buckets by path; AWS prefers virtual-hosted style. The variable is the standard one.
export const s3Client = (): S3Client =>
  (s3 ??= new S3Client({ forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined }));
