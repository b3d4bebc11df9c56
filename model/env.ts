// The one rule that names the environment variable carrying a resource's physical name. The stack
// and the sandbox set these; handlers read them through `shared/config.ts`.
const snake = (name: string): string =>
  name
    .replace(/\.fifo$/, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();

export const tableEnv = (table: string): string => `TABLE_${snake(table)}`;
export const queueUrlEnv = (queue: string): string => `QUEUE_URL_${snake(queue)}`;
export const bucketEnv = (bucket: string): string => `BUCKET_${snake(bucket)}`;
export const secretEnv = (secret: string): string => `SECRET_${snake(secret)}`;
/** JSON list of the API's route keys (`GET /teams/{id}`), for the `$default` route's function. */
export const API_ROUTES_ENV = 'API_ROUTES';
