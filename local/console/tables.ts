// The tables panel's API: each table's keys, indexes and item count; its items a page at a time, all of
// them (a scan) or one partition (a query on the table or an index, optionally down to one sort key);
// the delete of one item by its key, confirmed by the table's name.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { KeyDef, TableDef } from '#model/manifest.ts';
import * as z from '#model/zod.ts';
import { AppError } from '#shared/errors.ts';
import { confirmation, decodeCursor, encodeCursor, named, notFound, pageSize, type Routes } from './http.ts';

export interface TableDeps {
  readonly tables: readonly TableDef[];
  readonly dynamo: DynamoDBDocumentClient;
  readonly name: (logical: string) => string;
}

const keyValue = (key: KeyDef, raw: string): string | number => {
  if (key.type !== 'N') return raw;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new AppError(400, 'validation_error', `${key.name}: a number`);
  return n;
};

export const tableRoutes = ({ tables, dynamo, name }: TableDeps): Routes => {
  const table = (logical: string | undefined): TableDef => named(tables, 'table', logical);

  return {
    'GET /tables': async () => ({
      items: await Promise.all(
        tables.map(async (t) => {
          const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: name(t.name) }));
          return {
            name: t.name,
            partitionKey: t.partitionKey,
            sortKey: t.sortKey ?? null,
            indexes: t.indexes ?? [],
            stream: t.stream ?? null,
            ttlAttribute: t.ttlAttribute ?? null,
            itemCount: Table?.ItemCount ?? null,
          };
        }),
      ),
    }),

    /** `?index=&pk=&sk=` query one partition (of the table or an index); without `pk`, a scan. */
    'GET /tables/{name}/items': async ({ params, query }) => {
      const def = table(params.name);
      const indexName = query.get('index') || undefined;
      const keys = indexName ? def.indexes?.find((i) => i.name === indexName) : def;
      if (!keys) throw notFound(`index ${indexName} of ${def.name}`);
      const page = {
        TableName: name(def.name),
        IndexName: indexName,
        Limit: pageSize(query),
        ExclusiveStartKey: decodeCursor<Record<string, unknown>>(query.get('cursor')),
      };
      const pk = query.get('pk');
      const sk = query.get('sk');
      if (sk && !keys.sortKey) throw new AppError(400, 'validation_error', `${def.name} has no sort key there`);
      const result =
        pk === null
          ? await dynamo.send(new ScanCommand(page))
          : await dynamo.send(
              new QueryCommand({
                ...page,
                KeyConditionExpression: sk ? '#pk = :pk AND #sk = :sk' : '#pk = :pk',
                ExpressionAttributeNames: {
                  '#pk': keys.partitionKey.name,
                  ...(sk ? { '#sk': keys.sortKey!.name } : {}),
                },
                ExpressionAttributeValues: {
                  ':pk': keyValue(keys.partitionKey, pk),
                  ...(sk ? { ':sk': keyValue(keys.sortKey!, sk) } : {}),
                },
              }),
            );
      return { items: result.Items ?? [], cursor: encodeCursor(result.LastEvaluatedKey) };
    },

    'DELETE /tables/{name}/items': async ({ params, body }) => {
      const def = table(params.name);
      const keyNames = [def.partitionKey.name, ...(def.sortKey ? [def.sortKey.name] : [])];
      const { key } = await body(
        z.extend(confirmation(def.name), { key: z.record(z.string(), z.union([z.string(), z.number()])) }),
      );
      if (Object.keys(key).sort().join() !== [...keyNames].sort().join())
        throw new AppError(400, 'validation_error', `key: exactly ${keyNames.join(' and ')}`);
      const { Attributes } = await dynamo.send(
        new DeleteCommand({ TableName: name(def.name), Key: key, ReturnValues: 'ALL_OLD' }),
      );
      return { deleted: Attributes !== undefined };
    },
  };
};
