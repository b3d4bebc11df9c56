// Where the formulas table is, from the environment: each handler builds its store from it on its first
// request (with lazy()), so importing a handler reads no environment.
import { documentClient } from '#shared/clients/dynamodb.ts';
import { tableName } from '#shared/config.ts';
import { FORMULAS_TABLE } from '../constants.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

export const formulasTable = (): TableConfig => ({ db: documentClient(), table: tableName(FORMULAS_TABLE) });
