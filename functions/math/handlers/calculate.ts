// Serves `GET /<name>` for every registered calculation: validate the query with the calculation's
// schema, compute, count the request, answer with the value and the tracking.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { ConfigError } from '#shared/config.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { calculate } from '../app/calculate.ts';
import { calculationContract } from '../contracts.ts';
import { calculations } from '../domain/calculations/index.ts';
import { trackerDeps } from './deps.ts';

const routes = new Map(
  calculations.map((calc) => [
    `GET /${calc.name}`,
    httpHandler(calculationContract(calc), async ({ query }) => calculate(trackerDeps(), calc, query)),
  ]),
);

const route = (event: APIGatewayProxyEventV2, context: Context) => {
  const served = routes.get(event.routeKey);
  if (!served) throw new ConfigError(`No calculation serves route '${event.routeKey}'.`);
  return served(event, context);
};

/** One function for every calculation's route; `routes` lets a test check each route's contract. */
export const handler = Object.assign(route, { routes });
