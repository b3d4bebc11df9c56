import { describe, expect, it } from 'vitest';
import { fileBody, type FileBodyOptions } from '#shared/http/file-body.ts';
import { apiEvent } from '../helpers/factories.ts';

const CSV: FileBodyOptions = {
  name: 'CSV',
  types: ['text/csv', 'text/plain'],
  maxBytes: 256,
  tooLargeHint: 'Go elsewhere.',
};

const post = (contentType: string | undefined, body: string) =>
  apiEvent({ method: 'POST', route: '/x', headers: contentType ? { 'content-type': contentType } : {}, body });

const form = (part: string) => `--x\r\n${part}\r\n--x--\r\n`;
const MULTIPART = 'multipart/form-data; boundary=x';

describe('Function: fileBody()', () => {
  it('reads the body itself in one of the types, whatever its parameters', async () => {
    expect((await fileBody(post('Text/CSV; charset=utf-8', 'city\nLisbon\n'), CSV)).toString()).toBe('city\nLisbon\n');
  });

  it("reads a multipart form's file part, leaving its other fields", async () => {
    const body = `--x\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n${form(
      'Content-Disposition: form-data; name="file"; filename="c.csv"\r\n\r\ncity\nPorto',
    )}`;

    expect((await fileBody(post(MULTIPART, body), CSV)).toString()).toBe('city\nPorto');
  });

  it('answers 413 with the hint past the limit, before reading the media type', async () => {
    const act = fileBody(post('application/json', 'a'.repeat(257)), CSV);

    await expect(act).rejects.toMatchObject({
      statusCode: 413,
      code: 'payload_too_large',
      message: 'Body is 257 bytes; the limit is 256. Go elsewhere.',
    });
  });

  it.each([
    [
      'another type',
      'application/json',
      "Content-Type must be text/csv or multipart/form-data, not 'application/json'.",
    ],
    ['no type', undefined, "Content-Type must be text/csv or multipart/form-data, not 'none'."],
  ])('answers 415 to %s', async (_, type, message) => {
    await expect(fileBody(post(type, 'city'), CSV)).rejects.toMatchObject({
      statusCode: 415,
      code: 'unsupported_media_type',
      message,
    });
  });

  it.each([
    ['an empty body', 'text/csv', '', 'body_required', 'The CSV is empty.'],
    [
      'an empty file part',
      MULTIPART,
      form('Content-Disposition: form-data; name="f"; filename="c.csv"\r\n\r\n'),
      'body_required',
      'The CSV is empty.',
    ],
    [
      'a form without a file part',
      MULTIPART,
      form('Content-Disposition: form-data; name="f"\r\n\r\ncity'),
      'file_required',
      'The multipart body has no file part.',
    ],
  ])('answers 400 to %s', async (_, type, body, code, message) => {
    await expect(fileBody(post(type, body), CSV)).rejects.toMatchObject({ statusCode: 400, code, message });
  });

  it('answers 400 malformed_multipart to a form without a boundary, keeping busboy’s error as the cause', async () => {
    const error = await fileBody(post('multipart/form-data', 'city'), CSV).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'malformed_multipart', cause: expect.any(Error) });
    expect((error as Error).message).toBe(`Malformed multipart body: ${((error as Error).cause as Error).message}`);
  });
});
