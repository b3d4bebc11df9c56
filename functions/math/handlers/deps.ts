// Where the requests table is, from the environment: each handler builds its store from it on its first
// request (with lazy()), so importing a handler reads no environment.
import { documentClient } from '#shared/clients/dynamodb.ts';
import { tableName } from '#shared/config.ts';
import { MATH_REQUESTS_TABLE } from '../constants.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

export const requestsTable = (): TableConfig => ({ db: documentClient(), table: tableName(MATH_REQUESTS_TABLE) });
