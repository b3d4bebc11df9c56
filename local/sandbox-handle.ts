// The last start-up step: the Sandbox handle (types.ts) over what the other steps started.
import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dlqName } from '#model/derive.ts';
import type { EventSource } from './event-sources/index.ts';
import { waitForIdle } from './idle.ts';
import { fauxqsInspector, sqsInspector } from './queue-inspection.ts';
import type { Resources } from './resources.ts';
import type { Backends } from './start-backends.ts';
import type { Functions } from './start-functions.ts';
import type { DlqMessage, Sandbox } from './types.ts';

export interface Started {
  readonly url: string;
  readonly apiKey: string;
  readonly webRoot: string | undefined;
  readonly backends: Backends;
  readonly resources: Resources;
  readonly functions: Functions;
  readonly sources: readonly EventSource[];
  readonly stop: () => Promise<void>;
}

export const sandboxHandle = ({
  url,
  apiKey,
  webRoot,
  backends,
  resources,
  functions,
  sources,
  stop,
}: Started): Sandbox => {
  const { clients, fauxqs, name } = backends;
  const inspector = fauxqs ? fauxqsInspector(fauxqs) : sqsInspector(clients.sqs);
  const queueDepth = async (): Promise<number> => {
    const queues = [...resources.queues.values()];
    const depths = await Promise.all(queues.map((q) => inspector.depth(name(q.def.name), q.url)));
    return depths.reduce((a, b) => a + b, 0);
  };
  const readDlq = async (queue: string): Promise<DlqMessage[]> => {
    const info = resources.queues.get(queue);
    if (!info) throw new Error(`unknown queue ${queue}`);
    return inspector.peek(name(dlqName(info.def)), info.dlqUrl);
  };

  return {
    url,
    apiKey,
    webRoot,
    idle: waitForIdle({ invoker: functions.invoker, sources, queueDepth }),
    invocations: functions.invoker.log,
    logs: functions.logs.lines,
    metrics: () => functions.logs.metrics(),
    inject: (fault) => functions.faults.add(fault),
    invoke: (fn, event) => {
      const pool = functions.pools.get(fn);
      if (!pool) throw new Error(`unknown function ${fn}`);
      return pool.invoke(event, randomUUID());
    },
    readDlq,
    clients: { dynamo: DynamoDBDocumentClient.from(clients.dynamo), sqs: clients.sqs, s3: clients.s3 },
    tableName: resources.names.table,
    queueUrl: resources.names.queueUrl,
    bucketName: resources.names.bucket,
    stop,
  };
};
