// One stateless stack per service of the manifest: its functions (roles, log groups, alarms) and the
// triggers that feed them. A sixth service is a sixth such stack, so no stack grows with the app; the
// data it uses comes from the data stack by SSM parameters (../constructs/data-references.ts).
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { ResolvedFunctionDef } from '#model/manifest.ts';
import { notifyEveryAlarm } from '../constructs/alarm-topic.ts';
import { FunctionAlarms } from '../constructs/alarms.ts';
import { DataReferences } from '../constructs/data-references.ts';
import { giveEveryFunctionALogGroup } from '../constructs/log-groups.ts';
import { PARAMETERS, read } from '../constructs/parameters.ts';
import { ServiceFunction } from '../constructs/service-function.ts';
import { Triggers } from '../constructs/triggers.ts';
import { acknowledgeBasicExecutionRole, type SuiteStackProps } from './common.ts';

export interface ServiceStackProps extends StackProps, SuiteStackProps {
  readonly functions: readonly ResolvedFunctionDef[];
}

export class ServiceStack extends Stack {
  /** The built functions by manifest name. */
  readonly functions: ReadonlyMap<string, NodejsFunction>;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { manifest, options, appName } = props;
    const logRetention = options.settings.retention.logDays as RetentionDays;
    acknowledgeBasicExecutionRole(this);
    const resources = new DataReferences(this, 'Data', manifest, appName);
    const functions = new Map<string, NodejsFunction>();
    for (const def of props.functions) {
      const { fn } = new ServiceFunction(this, def.name, {
        app: manifest,
        def,
        resources,
        projectRoot: props.projectRoot,
        logRetention,
        tracing: options.tracing,
        appName,
      });
      functions.set(def.name, fn);
    }
    const triggers = manifest.triggers.filter((t) => functions.has(t.function));
    new Triggers(this, 'Triggers', { triggers, functions, resources, budget: props.budget });
    new FunctionAlarms(this, 'Alarms', {
      functions,
      streamConsumers: triggers.filter((t) => t.source.type === 'dynamodb-stream').map((t) => t.function),
      thresholds: options.settings.alarms,
    });
    const topic = Topic.fromTopicArn(this, 'alarm-topic', read(this, appName, PARAMETERS.alarmTopicArn()));
    notifyEveryAlarm(this, topic);
    giveEveryFunctionALogGroup(this, logRetention);
    this.functions = functions;
  }
}
