// AWS SDK clients are built once per execution environment, one module per service so a function's
// bundle holds only the clients it imports. Endpoints come from the standard AWS_ENDPOINT_URL_<SERVICE>
// variables (set by the sandbox, absent in AWS), so there is no local branch.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let dynamo: DynamoDBDocumentClient | undefined;

export const documentClient = (): DynamoDBDocumentClient =>
  (dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }));
