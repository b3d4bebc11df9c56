// A file a request uploads, read in the HTTP pipeline as middy's http-multipart-body-parser would: the
// body itself, in one of the file's media types, or the one file part of a multipart/form-data form.
// busboy parses the form. A module of its own, so only the routes that take a file bundle busboy.
import busboy from 'busboy';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';
import { contentType, rawBody } from './body.ts';

export interface FileBodyOptions {
  /** What the file is called in messages, e.g. `CSV`. */
  readonly name: string;
  /** Media types the body may have when it is the file itself; the first is named in the 415. */
  readonly types: readonly [string, ...string[]];
  /** Requests with a larger body (the whole form, for multipart) get 413 before any parsing. */
  readonly maxBytes: number;
  /** Appended to the 413's detail: where a larger file goes instead. */
  readonly tooLargeHint: string;
}

const MULTIPART = 'multipart/form-data';

const multipartFile = (body: Buffer, header: string): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const malformed = (error: Error) =>
      reject(
        new BadRequestError(`Malformed multipart body: ${error.message}`, 'malformed_multipart', {}, { cause: error }),
      );
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': header }, limits: { files: 1 } });
    } catch (error) {
      return malformed(error as Error);
    }
    let file: Buffer | undefined;
    parser.on('file', (_field, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A body cut off inside the file errors the file stream too; unheard, that error would end the
      // execution environment (an uncaught exception) instead of answering 400.
      stream.on('error', malformed);
      stream.on('close', () => (file = Buffer.concat(chunks)));
    });
    parser.on('error', malformed);
    parser.on('close', () =>
      file ? resolve(file) : reject(new BadRequestError('The multipart body has no file part.', 'file_required')),
    );
    parser.end(body);
  });

/** The file's bytes: 413 past the limit, 415 for another media type, 400 for a malformed form or no file. */
export const fileBody = async (event: APIGatewayProxyEventV2, options: FileBodyOptions): Promise<Buffer> => {
  const body = rawBody(event);
  if (body.length > options.maxBytes) {
    throw new PayloadTooLargeError(
      `Body is ${body.length} bytes; the limit is ${options.maxBytes}. ${options.tooLargeHint}`,
    );
  }
  const type = contentType(event);
  if (type !== MULTIPART && !options.types.includes(type)) {
    throw new UnsupportedMediaTypeError(
      `Content-Type must be ${options.types[0]} or ${MULTIPART}, not '${type || 'none'}'.`,
    );
  }
  const file = type === MULTIPART ? await multipartFile(body, event.headers['content-type']!) : body;
  if (file.length === 0) throw new BadRequestError(`The ${options.name} is empty.`, 'body_required');
  return file;
};
