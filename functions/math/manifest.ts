import { calculations } from './domain/calculations/index.ts';
import { MATH_REQUESTS_TABLE, METRICS } from './constants.ts';
import { calculationContract, listRequestsContract } from './contracts.ts';
import type { ServiceManifest } from '#model/manifest.ts';

export const math: ServiceManifest = {
  service: 'math',
  tables: [
    {
      name: MATH_REQUESTS_TABLE,
      partitionKey: { name: 'calculation', type: 'S' },
      sortKey: { name: 'input_key', type: 'S' },
    },
  ],
  functions: [
    {
      name: 'math-calculate',
      entry: 'functions/math/handlers/calculate.ts',
      tables: { [MATH_REQUESTS_TABLE]: 'readwrite' },
    },
    {
      name: 'math-list-requests',
      entry: 'functions/math/handlers/list-requests.ts',
      tables: { [MATH_REQUESTS_TABLE]: 'read' },
    },
  ],
  // One route per registered calculation: adding a calculation file adds its route.
  routes: [
    ...calculations.map((calc) => ({
      method: 'GET' as const,
      path: `/${calc.name}`,
      function: 'math-calculate',
      contract: calculationContract(calc),
    })),
    {
      method: 'GET',
      path: '/calculations/{name}/requests',
      function: 'math-list-requests',

      contract: listRequestsContract,
    },
  ],
  metrics: { counts: Object.values(METRICS) },
};
