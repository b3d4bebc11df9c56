// The UI on AWS, on the API's own origin: CloudFront serves the built web/ from a private bucket
// (Origin Access Control) and passes every other path to the HTTP API, so the pages call the API by
// relative paths exactly as in the sandbox, with no CORS. isUiPath (model/derive.ts) is the split.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  Annotations,
  CfnOutput,
  type CfnResource,
  DockerImage,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import {
  AccessLevel,
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as ViewerFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  type HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  Signing,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type Bucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { pageRedirects, UI_PATH_PATTERNS } from '#model/derive.ts';
import type { RouteDef } from '#model/manifest.ts';
import {
  contentSecurityPolicy,
  HSTS_MAX_AGE_SECONDS,
  REFERRER_POLICY,
  s3UploadOrigin,
} from '#model/security-headers.ts';
import type { Buckets } from './buckets.ts';

export interface WebProps {
  /** Repository root: the UI's sources are under web/. */
  readonly projectRoot: string;
  /** `https://<api-id>.execute-api.<region>.amazonaws.com`. */
  readonly apiEndpoint: string;
  /** The API's routes: a page path that none has redirects to the page (pageRedirects). */
  readonly routes: readonly RouteDef[];
  readonly buckets: Buckets;
  readonly logRetention: RetentionDays;
  readonly accessLogDays: number;
}

// S3 has no index documents behind OAC: a page path (`/mouse/`) asks for its index.html.
const PAGE_INDEX = `function handler(event) {
  event.request.uri += 'index.html';
  return event.request;
}`;
// `/` matches no UI pattern (a pattern of "/" is the empty pattern), so the API behaviour sends the
// landing page's visitors to its file, which the `*.html` behaviour serves, and a page's path without its
// slash (pageRedirects) to the page, as the sandbox does.
const apiPathRedirects = (pages: readonly string[]) => `var PAGES = ${JSON.stringify(pages)};
function handler(event) {
  var request = event.request;
  var read = request.method === 'GET' || request.method === 'HEAD';
  var location = request.uri === '/' ? '/index.html' : read && PAGES.indexOf(request.uri) !== -1 ? request.uri + '/' : '';
  if (!location) return request;
  return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: location } } };
}`;

/** The UI's files, built by web/build.ts into the asset's directory when `cdk synth` stages it. */
const webAsset = (projectRoot: string) =>
  Source.asset(join(projectRoot, 'web'), {
    // web/build.ts writes into `dist.build-*` before renaming it to `dist`.
    exclude: ['dist', 'dist.*'],
    bundling: {
      // Never used: the local build below either succeeds or throws, so synth stays offline.
      image: DockerImage.fromRegistry('node:22-slim'),
      local: {
        tryBundle(outputDir: string): boolean {
          execFileSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'web', 'build.ts'), outputDir], {
            cwd: projectRoot,
            stdio: ['ignore', 'ignore', 'inherit'],
          });
          return true;
        },
      },
    },
  });

export class Web extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const site = props.buckets.create(this, 'site');
    const logs = props.buckets.create(this, 'cdn-logs', {
      // CloudFront's standard logs are delivered through the bucket ACL.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogDays) }],
    });
    // Origin access controls are account-wide (CloudFront is global): the name carries the stack and
    // the region, so the app deployed in a second region does not collide with the first.
    const stack = Stack.of(this);
    const originAccessControl = new S3OriginAccessControl(this, 'site-access', {
      originAccessControlName: `${stack.stackName}-${stack.region}-site`,
      signing: Signing.SIGV4_ALWAYS,
    });
    // The headers the sandbox sends too (model/security-headers.ts), on every response, the API's included.
    const responseHeadersPolicy = new ResponseHeadersPolicy(this, 'security-headers', {
      // Account-wide names: the region keeps a second deployment's apart.
      responseHeadersPolicyName: `${stack.stackName}-security-headers-${stack.region}`,
      comment: 'Serverless suite: CSP, HSTS, nosniff, no framing, same-origin referrers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(s3UploadOrigin(Stack.of(this).region)),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: REFERRER_POLICY as HeadersReferrerPolicy, override: true },
      },
    });
    const ui: BehaviorOptions = {
      responseHeadersPolicy,
      origin: S3BucketOrigin.withOriginAccessControl(site, {
        originAccessControl,
        originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      compress: true,
    };
    const viewerFunction = (fnId: string, code: string) =>
      new ViewerFunction(this, fnId, { code: FunctionCode.fromInline(code), runtime: FunctionRuntime.JS_2_0 });
    const pageIndex = viewerFunction('page-index', PAGE_INDEX);
    const rootToLanding = viewerFunction('root-to-landing', apiPathRedirects(pageRedirects(props.routes)));
    this.distribution = new Distribution(this, 'cdn', {
      comment: 'Serverless suite: the UI and, under the same origin, the HTTP API',
      // Every path that is not the UI's is the API's; API responses are never cached and the request
      // goes through whole (query strings, cookies, every header but Host).
      defaultBehavior: {
        origin: new HttpOrigin(Fn.select(2, Fn.split('/', props.apiEndpoint)), {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy,
        functionAssociations: [{ function: rootToLanding, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: Object.fromEntries(
        UI_PATH_PATTERNS.map((pattern) => [
          pattern,
          pattern.endsWith('/')
            ? { ...ui, functionAssociations: [{ function: pageIndex, eventType: FunctionEventType.VIEWER_REQUEST }] }
            : ui,
        ]),
      ),
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
    });
    new BucketDeployment(this, 'deploy', {
      sources: [webAsset(props.projectRoot)],
      destinationBucket: site,
      // A deploy replaces every file at the edge at once; browsers revalidate after a minute.
      distribution: this.distribution,
      distributionPaths: ['/*'],
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.minutes(1)),
        CacheControl.sMaxAge(Duration.days(1)),
      ],
      memoryLimit: 512,
      logGroup: new LogGroup(this, 'deploy-logs', {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    this.acknowledge(site);
    new CfnOutput(scope, 'WebUrl', {
      value: `https://${this.distribution.distributionDomainName}`,
      description: 'The UI, with the API under the same origin',
    });
  }

  private acknowledge(site: Bucket): void {
    const reasons: Record<string, string> = {
      'AwsSolutions-CFR1': 'The app serves every country; there is no legal or licensing reason to restrict any.',
      'AwsSolutions-CFR2':
        'No WAF web ACL (from about $6/month, more than the whole app costs idle): the HTTP API stage and the auth routes are throttled instead.',
      'AwsSolutions-CFR4':
        'No custom domain: the distribution uses the default *.cloudfront.net certificate, whose TLS policy CloudFront sets and which cannot be changed.',
    };
    for (const [id, reason] of Object.entries(reasons)) Validations.of(this.distribution).acknowledge({ id, reason });
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'The bucket holds only the public UI; LIST makes a missing file a 404 instead of a 403, and page paths are rewritten to index.html.',
    );
    // CDK's deployment function is a stack-level singleton: its grants and runtime are CDK's choice.
    const stack = Stack.of(this);
    const deployer = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))!;
    const siteArn = `<${stack.resolve((site.node.defaultChild as CfnResource).logicalId)}.Arn>`;
    // cdk-nag prints an account or region the environment fixes as is, else as the pseudo parameter.
    const known = (value: string, pseudo: string): string => (Token.isUnresolved(value) ? pseudo : value);
    const findings = [
      'AwsSolutions-L1',
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
        (a) => `AwsSolutions-IAM5[Action::${a}]`,
      ),
      `AwsSolutions-IAM5[Resource::${siteArn}/*]`,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${known(stack.account, '<AWS::AccountId>')}-${known(stack.region, '<AWS::Region>')}/*]`,
      'AwsSolutions-IAM5[Resource::*]',
    ];
    for (const id of findings) {
      Validations.of(deployer).acknowledge({
        id,
        reason:
          "CDK's BucketDeployment helper on the runtime CDK ships it with: it syncs the UI from the CDK asset bucket into the site bucket (grants on those buckets' objects) and invalidates the distribution (no resource-level permission).",
      });
    }
  }
}
