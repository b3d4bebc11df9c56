// Probes an SQS/S3 emulator for the behaviours the sandbox relies on, each against what AWS documents,
// and prints one line per check (`same` or `DIFFERS`, with what was observed). It backs docs/sandbox.md's
// "known differences" when fauxqs or moto is upgraded.
//   npx tsx scripts/probe-emulator.ts                           # the project's fauxqs, in process
//   npx tsx scripts/probe-emulator.ts --endpoint http://127.0.0.1:5000   # anything else (moto server)
import { createHash, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startFauxqs } from 'fauxqs';

const { values } = parseArgs({ options: { endpoint: { type: 'string' } } });
const fauxqs = values.endpoint ? undefined : await startFauxqs({ port: 0, logger: false });
const endpoint = values.endpoint ?? `http://127.0.0.1:${fauxqs!.port}`;
const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const sqs = new SQSClient(config);
const s3 = new S3Client({ ...config, forcePathStyle: true });
const run = randomUUID().slice(0, 8);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const queue = async (name: string, attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> => {
  const fifo = name.endsWith('.fifo');
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${run}-${name}`,
      Attributes: { ...(fifo ? { FifoQueue: 'true' } : {}), ...attributes },
    }),
  );
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
};
const send = (url: string, body: string, extra: Partial<ConstructorParameters<typeof SendMessageCommand>[0]> = {}) =>
  sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, ...extra }));
const receive = async (
  url: string,
  extra: Partial<ConstructorParameters<typeof ReceiveMessageCommand>[0]> = {},
): Promise<Message[]> =>
  (
    await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
        ...extra,
      }),
    )
  ).Messages ?? [];
const remove = (url: string, messages: Message[]) =>
  messages.length
    ? sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: url,
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      )
    : undefined;
const bodies = (messages: Message[]): string => messages.map((m) => m.Body).join(',') || 'none';

let differences = 0;
const check = async (name: string, documented: string, probe: () => Promise<string>): Promise<void> => {
  const observed = await probe().catch((e: Error) => `error: ${e.name}: ${e.message}`);
  const same = observed === documented;
  if (!same) differences++;
  console.log(`${same ? 'same   ' : 'DIFFERS'}  ${name}: AWS ${documented}${same ? '' : `; observed ${observed}`}`);
};

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagegroupid-property.html
// "Amazon SQS first attempts to return as many messages with the same message group ID as possible".
const group = await queue('group.fifo');
for (let i = 1; i <= 12; i++) await send(group.url, `m${i}`, { MessageGroupId: 'g', MessageDeduplicationId: `d${i}` });
const firstBatch = await receive(group.url);
await check('FIFO: one receive of one message group', 'm1,m2,m3,m4,m5,m6,m7,m8,m9,m10', async () => bodies(firstBatch));
// FIFO delivery logic: no more messages of a group are returned while some of it is in flight.
await check('FIFO: the group while messages of it are in flight', 'none', async () => bodies(await receive(group.url)));
await remove(group.url, firstBatch);
await check('FIFO: the group once those are deleted, in order', 'm11,m12', async () =>
  bodies(await receive(group.url)),
);
// The same rule for receives that are already waiting (Lambda's pollers long-poll side by side): what
// joins a group while one of its messages is in flight stays back, whichever receive is waiting.
const polled = await queue('polled.fifo');
await check('FIFO: concurrent long polls while a message of the group is in flight', 'p1', async () => {
  const got: Message[] = [];
  const polls = [1, 2, 3].map(() => receive(polled.url, { WaitTimeSeconds: 2 }).then((m) => got.push(...m)));
  for (let i = 1; i <= 3; i++) {
    await sleep(200);
    await send(polled.url, `p${i}`, { MessageGroupId: 'g', MessageDeduplicationId: `p${i}` });
  }
  await Promise.all(polls);
  return bodies(got);
});

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html
// Messages of a group that were not deleted come back after the visibility timeout, still in order.
const redelivered = await queue('redelivered.fifo', { VisibilityTimeout: '1' });
await check(
  'FIFO: the rest of a batch, left undeleted, returns in order after the visibility timeout',
  'r2,r3,r4,r5,r6',
  async () => {
    for (let i = 1; i <= 6; i++)
      await send(redelivered.url, `r${i}`, { MessageGroupId: 'g', MessageDeduplicationId: `r${i}` });
    await remove(redelivered.url, (await receive(redelivered.url)).slice(0, 1));
    await sleep(1300);
    const back: Message[] = [];
    for (let m = await receive(redelivered.url); m.length > 0; m = await receive(redelivered.url)) {
      back.push(...m);
      await remove(redelivered.url, m);
    }
    return bodies(back);
  },
);

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-exactly-once-processing.html
// A deduplication id seen in the last 5 minutes is accepted but not delivered, even after the first was deleted.
const dedup = await queue('dedup.fifo', { ContentBasedDeduplication: 'true' });
await check('FIFO: same deduplication id twice, the first deleted in between', 'a', async () => {
  await send(dedup.url, 'a', { MessageGroupId: 'g', MessageDeduplicationId: 'same' });
  const first = await receive(dedup.url);
  await remove(dedup.url, first);
  await send(dedup.url, 'b', { MessageGroupId: 'g', MessageDeduplicationId: 'same' });
  return bodies([...first, ...(await receive(dedup.url))]);
});
await check('FIFO: content-based deduplication of an identical body', 'c', async () => {
  await send(dedup.url, 'c', { MessageGroupId: 'h' });
  await send(dedup.url, 'c', { MessageGroupId: 'h' });
  return bodies(await receive(dedup.url));
});

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
const visible = await queue('visibility', { VisibilityTimeout: '1' });
await check(
  'visibility: hidden while in flight, back after the timeout with a higher receive count',
  'none,2',
  async () => {
    await send(visible.url, 'v');
    await receive(visible.url);
    const during = bodies(await receive(visible.url));
    await sleep(1300);
    const [again] = await receive(visible.url);
    await remove(visible.url, again ? [again] : []);
    return `${during},${again?.Attributes?.ApproximateReceiveCount ?? 'none'}`;
  },
);
await check('visibility: ChangeMessageVisibility to 0 makes it visible at once', 'w', async () => {
  await send(visible.url, 'w');
  const [m] = await receive(visible.url, { VisibilityTimeout: 30 });
  await sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: visible.url,
      ReceiptHandle: m!.ReceiptHandle!,
      VisibilityTimeout: 0,
    }),
  );
  const back = await receive(visible.url);
  await remove(visible.url, back);
  return bodies(back);
});

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
// After maxReceiveCount receives without a delete, the message moves to the DLQ.
for (const fifo of [false, true]) {
  const suffix = fifo ? '.fifo' : '';
  const dlq = await queue(`dlq${suffix}`);
  const source = await queue(`source${suffix}`, {
    VisibilityTimeout: '0',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: '2' }),
  });
  await check(`redrive (${fifo ? 'FIFO' : 'standard'}): maxReceiveCount 2, then the DLQ`, 'r,r,none,r', async () => {
    await send(source.url, 'r', fifo ? { MessageGroupId: 'g', MessageDeduplicationId: 'r' } : {});
    const seen = [
      bodies(await receive(source.url)),
      bodies(await receive(source.url)),
      bodies(await receive(source.url)),
    ];
    return [...seen, bodies(await receive(dlq.url))].join(',');
  });
}

// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html and presigned URLs.
const bucket = `probe-${run}`;
await s3.send(new CreateBucketCommand({ Bucket: bucket }));
await check('S3: ETag of a single-part object is the quoted MD5 of its body', 'true', async () => {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a b/1.csv', Body: 'city\nParis\n' }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'a b/1.csv' }));
  return String(head.ETag === `"${createHash('md5').update('city\nParis\n').digest('hex')}"`);
});
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html: the SDK sends a
// CRC32 with every upload; S3 keeps it and returns it when asked with ChecksumMode.
await check('S3: the upload checksum is kept and returned with ChecksumMode ENABLED', 'true', async () => {
  const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'sum.csv', Body: 'checksum' }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'sum.csv', ChecksumMode: 'ENABLED' }));
  return String(put.ChecksumCRC32 !== undefined && head.ChecksumCRC32 === put.ChecksumCRC32);
});
await check('S3: ListObjectsV2 pages with MaxKeys and ContinuationToken', 'a b/1.csv|a b/2.csv', async () => {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a b/2.csv', Body: 'x' }));
  const first = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'a b/', MaxKeys: 1 }));
  const second = await s3.send(
    new ListObjectsV2Command({
      Bucket: bucket,
      Prefix: 'a b/',
      MaxKeys: 1,
      ContinuationToken: first.NextContinuationToken,
    }),
  );
  return [...(first.Contents ?? []), ...(second.Contents ?? [])].map((o) => o.Key).join('|');
});
await check('S3: a presigned PUT stores the object', 'presigned', async () => {
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: 'p.csv' }), { expiresIn: 60 });
  await fetch(url, { method: 'PUT', body: 'presigned' });
  return (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'p.csv' }))).Body!.transformToString();
});

console.log(`${differences} difference(s) from AWS's documented behaviour at ${endpoint}`);
sqs.destroy();
s3.destroy();
await fauxqs?.stop();
