// The CSV of a `POST /bulk/import`: the body itself (text/csv) or the file part of a multipart form.
import busboy from 'busboy';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '#shared/errors.ts';
import { contentType, rawBody } from '#shared/http/body.ts';
import { LIMITS } from '../constants.ts';

const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/plain']);

const multipartFile = (body: Buffer, header: string): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const malformed = (error: Error) =>
      reject(new BadRequestError(`Malformed multipart body: ${error.message}`, 'malformed_multipart'));
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

export const importedCsv = async (event: APIGatewayProxyEventV2): Promise<Buffer> => {
  const body = rawBody(event);
  if (body.length > LIMITS.importBytes) {
    throw new PayloadTooLargeError(
      `Body is ${body.length} bytes; the limit is ${LIMITS.importBytes}. Use POST /bulk/uploads for large files.`,
    );
  }
  const type = contentType(event);
  const csv = type === 'multipart/form-data' ? await multipartFile(body, event.headers['content-type']!) : body;
  if (type !== 'multipart/form-data' && !CSV_TYPES.has(type)) {
    throw new UnsupportedMediaTypeError(
      `Content-Type must be text/csv or multipart/form-data, not '${type || 'none'}'.`,
    );
  }
  if (csv.length === 0) throw new BadRequestError('The CSV is empty.', 'body_required');
  return csv;
};
