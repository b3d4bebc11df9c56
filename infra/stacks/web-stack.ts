// The CDN in a stack of its own: CloudFront and the UI's buckets. CloudFront may refuse a new account
// ("Your account must be verified before you can add new CloudFront resources"); then only this stack
// rolls back, and the API, deployed before it, keeps working at its own URL. It reads the API's
// endpoint from SSM, so it can be deployed later (`cdk deploy ServerlessSuite-web`) or destroyed alone.
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { removalPolicyOf } from '../context.ts';
import { Buckets } from '../constructs/buckets.ts';
import { giveEveryFunctionALogGroup } from '../constructs/log-groups.ts';
import { PARAMETERS, read } from '../constructs/parameters.ts';
import { Web } from '../constructs/web.ts';
import { acknowledgeBasicExecutionRole, type SuiteStackProps } from './common.ts';

export class WebStack extends Stack {
  readonly web: Web;

  constructor(scope: Construct, id: string, props: StackProps & SuiteStackProps) {
    super(scope, id, props);
    const { options, appName } = props;
    const settings = options.settings;
    const logRetention = settings.retention.logDays as RetentionDays;
    acknowledgeBasicExecutionRole(this);
    // Its own access-log bucket: the site's buckets hold nothing a rebuild cannot restore but logs.
    const buckets = new Buckets(this, 'SiteBuckets', {
      defs: [],
      queues: new Map(),
      removalPolicy: removalPolicyOf(options),
      retention: settings.retention,
    });
    this.web = new Web(this, 'Web', {
      projectRoot: props.projectRoot,
      apiEndpoint: read(this, appName, PARAMETERS.apiEndpoint()),
      routes: props.manifest.routes,
      buckets,
      logRetention,
      accessLogDays: settings.retention.accessLogDays,
    });
    giveEveryFunctionALogGroup(this, logRetention);
  }
}
