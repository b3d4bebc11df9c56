// City records, one per normalised name. The splitter's upsert only fills what is missing, so running
// it again for the same file (a redelivery) changes nothing; workers set the refresh fields.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/clients/dynamodb.ts';
import { tableName } from '../../../shared/config.ts';
import { CITIES_TABLE } from '../constants.ts';

const db = documentClient();
const table = tableName(CITIES_TABLE);

export const upsertCity = async (key: string, name: string, now: string): Promise<void> => {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { city_key: key },
      UpdateExpression: 'SET #name = if_not_exists(#name, :name), created_at = if_not_exists(created_at, :now)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':name': name, ':now': now },
    }),
  );
};
