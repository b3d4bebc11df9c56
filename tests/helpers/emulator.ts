// Which emulator the sandbox runs on: the embedded ones (DynamoDB Local, fauxqs), or moto server when
// .ci/run's second pass sets SANDBOX_EMULATOR=moto along with SANDBOX_ENDPOINT_URL.
export const ON_MOTO = process.env.SANDBOX_ENDPOINT_URL !== undefined && process.env.SANDBOX_EMULATOR === 'moto';

/**
 * For `it.skipIf(...)`: true on moto. Only for a test that relies on AWS behaviour moto does not
 * reproduce; `how` says what moto does instead, `awsDoc` where AWS documents what the test expects.
 */
export const motoDeviates = (how: string, awsDoc: string): boolean => {
  if (ON_MOTO) console.info(`[skipped on moto] ${how} (AWS: ${awsDoc})`);
  return ON_MOTO;
};
