import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { AppError, appError, validationError } from '../errors/app-error';
import { essenceOf } from '../modules/attachments/file-type';
import { refuseUnsafeInput } from './refuse-unsafe-input';
import { applicableSchemas, formFieldReader, resolve, type Schema, typesOf } from './request-body-forms';
import { resolvedOperationOf } from './resolved-operation';
import { operationsOf, type SpecDocument } from './spec-document';
import type { UploadedFile } from './uploaded-file';

export interface UploadLimits {
  /** The largest file a request may carry, in bytes. */
  maxFileBytes: number;
  /** Where uploads wait until their request has been answered: the system's temporary folder unless given. */
  directory?: string;
}

/** The most bytes a form's text fields may hold together: as much as a JSON body. */
const maxTextBytes = 1024 * 1024;

/** The files a form's fields take, by field name, with the most files each takes. */
type FileFields = Map<string, number>;

const multipartMediaType = 'multipart/form-data';

const isFileSchema = (schema: Schema) => typesOf(schema).includes('string') && schema.format === 'binary';

/**
 * The fields of an operation's `multipart/form-data` body that take files (`format: binary`, or an array of them
 * with its `maxItems`); undefined when it takes no form. Throws on a form the server could not read as its JSON body.
 */
function fileFieldsOf(document: SpecDocument, operation: Record<string, unknown>, where: string) {
  const requestBody = operation.requestBody as Schema | undefined;
  const content = requestBody
    ? (resolve(document, requestBody) as { content?: Record<string, { schema?: Schema }> }).content
    : undefined;
  const form = content?.[multipartMediaType]?.schema;
  if (!form) return undefined;
  if (!content?.['application/json']) {
    throw new Error(
      `${where}: its ${multipartMediaType} body needs an application/json one its text fields are read as`,
    );
  }
  const fields: FileFields = new Map();
  for (const part of applicableSchemas(document, form)) {
    for (const [name, property] of Object.entries(part.properties ?? {})) {
      const field = resolve(document, property);
      if (isFileSchema(field)) fields.set(name, 1);
      else if (field.items && isFileSchema(resolve(document, field.items))) {
        if (field.maxItems === undefined) throw new Error(`${where}: its file field ${name} needs a maxItems`);
        fields.set(name, field.maxItems);
      }
    }
  }
  return fields;
}

/** `attachments[]` → `attachments`: clients name a field of many files as Rails reads it. */
const fieldNameOf = (name: string) => name.replace(/\[\]$/, '');

/** `attachments` → `Attachments`, as error messages name a field. */
const capitalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

const fileFieldProblem = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', {
    message: `Validation failed: ${capitalized(field)} ${message}`,
    problems: [{ attribute: field, message }],
  });

/** A media type as clients declare one (`type/subtype`), without parameters; anything else is octet-stream. */
function contentTypeOf(declared: string): string {
  const essence = essenceOf(declared);
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(essence)
    ? essence
    : 'application/octet-stream';
}

/** The file name a client gave, without control characters, at most 255 characters; `file` when nothing is left. */
function fileNameOf(given: string): string {
  const name = [...given.replace(/[\p{Cc}]/gu, '').trim()].slice(0, 255).join('');
  return name === '' ? 'file' : name;
}

/** The catalogue's error for what reading the form failed on. */
function uploadError(error: unknown, fileFields: FileFields, maxFileBytes: number): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof multer.MulterError) {
    const field = fieldNameOf(error.field ?? [...fileFields.keys()][0] ?? 'files');
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return fileFieldProblem(field, `must each be at most ${maxFileBytes / (1024 * 1024)} MB`);
      case 'LIMIT_FILE_COUNT':
        return fileFieldProblem(field, 'exceeded maximum allowed');
      case 'LIMIT_FIELD_VALUE':
      case 'LIMIT_FIELD_COUNT':
      case 'LIMIT_PART_COUNT':
        return appError('PAYLOAD_TOO_LARGE');
      default:
        return validationError([{ attribute: error.field ?? 'body', message: `is not a valid form field name` }]);
    }
  }
  // The file system failing (a full disk) is the server's fault; anything else the parser refused is the body's.
  if ((error as NodeJS.ErrnoException | undefined)?.syscall !== undefined) return error;
  return appError('MALFORMED_MULTIPART');
}

/** multer's options, with the one its types do not list yet: what feeds the request to its parser. */
type FormReaderOptions = multer.Options & { streamHandler(request: Request, parser: Writable): void };

const uploads = new WeakMap<Request, UploadedFile[]>();

/** The files the request uploaded, in the order they came; none for a request that is not a form. */
export const uploadedFilesOf = (req: Request): UploadedFile[] => uploads.get(req) ?? [];

export interface MultipartOptions {
  limits: UploadLimits;
  /** Refuses a caller that may not call the request's operation, before any of its files is read. */
  admit: (req: Request) => Promise<void>;
}

/**
 * Reads the `multipart/form-data` body of an operation that takes one, as it streams in: each file into a temporary
 * file (removed once the request is answered), the text fields into the body, which is then read and validated as
 * the operation's JSON body (`formFieldReader`). The limits hold while the body streams: at most `maxFileBytes` a
 * file (a 422 naming its field), at most `maxItems` files a field (a 422 `… exceeded maximum allowed`), files only in
 * fields that take them (a 422), at most 1 MB of text (a 413); a body that is no valid form is a 400. The caller is
 * admitted before the body is read, so that no one who may not call the operation makes the server store anything.
 */
export function multipartUploads(document: SpecDocument, { limits, admit }: MultipartOptions): RequestHandler {
  const forms = new Map<string, FileFields>();
  for (const { path: where, method, operation } of operationsOf(document)) {
    const fileFields = fileFieldsOf(document, operation, operation.operationId ?? `${method.toUpperCase()} ${where}`);
    if (fileFields && operation.operationId) forms.set(operation.operationId, fileFields);
  }
  const readFields = formFieldReader(document);
  const directory = limits.directory ?? path.join(os.tmpdir(), 'inquirly-uploads');
  const mostFiles = (fileFields: FileFields) => [...fileFields.values()].reduce((sum, count) => sum + count, 0);

  async function readForm(req: Request, res: Response, fileFields: FileFields) {
    await mkdir(directory, { recursive: true });
    const files = mostFiles(fileFields);
    const spooled: string[] = [];
    res.once('close', () => {
      for (const file of spooled) void rm(file, { force: true });
    });
    const counts = new Map<string, number>();
    const options: FormReaderOptions = {
      storage: {
        _handleFile(_req, file, callback) {
          const target = path.join(directory, `upload-${randomUUID()}`);
          spooled.push(target);
          const sink = createWriteStream(target, { flags: 'wx' });
          pipeline(file.stream, sink).then(
            () => callback(null, { path: target, size: sink.bytesWritten }),
            (error: unknown) => callback(error),
          );
        },
        _removeFile(_req, file, callback) {
          rm(file.path, { force: true }).then(() => callback(null), callback);
        },
      },
      fileFilter(_req, file, callback) {
        const field = fieldNameOf(file.fieldname);
        const most = fileFields.get(field);
        if (most === undefined) return callback(fileFieldProblem(field, 'takes no files'));
        const count = (counts.get(field) ?? 0) + 1;
        counts.set(field, count);
        if (count > most) return callback(fileFieldProblem(field, 'exceeded maximum allowed'));
        callback(null, true);
      },
      limits: {
        fileSize: limits.maxFileBytes,
        // One more than the fields take, so that the field that takes one too many is named by the file filter.
        files: files + 1,
        fieldSize: maxTextBytes,
        fields: 1000,
        parts: 1000 + files + 1,
        fieldNestingDepth: 8,
        fieldArrayIndexLimit: 1000,
        headerPairs: 100,
      },
      defParamCharset: 'utf8',
      // Each field stays under its own limit; this one holds them all under one, as a JSON body is.
      streamHandler(request, parser) {
        let textBytes = 0;
        parser.on('field', (name: string, value: string) => {
          textBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
          if (textBytes > maxTextBytes) parser.destroy(appError('PAYLOAD_TOO_LARGE'));
        });
        request.pipe(parser);
      },
    };
    const form = multer(options).any();
    try {
      await new Promise<void>((resolve, reject) =>
        form(req, res, (error?: unknown) => (error ? reject(error) : resolve())),
      );
    } catch (error) {
      throw uploadError(error, fileFields, limits.maxFileBytes);
    }
    const textFields = { ...(req.body as Record<string, unknown>) };
    const misplaced = [...fileFields.keys()].find((field) => Object.hasOwn(textFields, field));
    if (misplaced) throw fileFieldProblem(misplaced, 'must be sent as files');
    const uploaded = (req.files as Express.Multer.File[]).map(
      (file): UploadedFile => ({
        field: fieldNameOf(file.fieldname),
        fileName: fileNameOf(file.originalname),
        contentType: contentTypeOf(file.mimetype),
        size: file.size,
        open: () => createReadStream(file.path),
      }),
    );
    return { textFields, files: uploaded };
  }

  return async (req, res, next) => {
    const operationId = resolvedOperationOf(req)?.schema?.operationId;
    const fileFields = operationId === undefined ? undefined : forms.get(operationId);
    if (!operationId || !fileFields || !req.is(multipartMediaType)) {
      next();
      return;
    }
    try {
      await admit(req);
      const { textFields, files } = await readForm(req, res, fileFields);
      uploads.set(req, files);
      req.body = readFields(operationId, textFields);
      // The fields are validated against the operation's JSON body, which they have become, and refused as its
      // JSON would be where no store could keep them.
      req.headers['content-type'] = 'application/json';
      refuseUnsafeInput(req, res, next);
    } catch (error) {
      next(error);
    }
  };
}
