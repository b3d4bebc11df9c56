// Lambda hands every function its role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN: the first link of the SDK's default chain. The function bundles alias that chain
// (@aws-sdk/credential-provider-node: SSO, INI, web identity, process, container and IMDS providers,
// with the STS and SSO clients they need, about 100 KB minified) to this link alone; see build/bundling.ts.
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
