import type { ErrorRequestHandler } from 'express';
import { AppError, appError, type FieldProblem, validationError } from './app-error';

interface ValidatorErrorItem {
  path?: string;
  message?: string;
  errorCode?: string;
}

interface HttpLikeError {
  status?: number;
  type?: string;
  errors?: ValidatorErrorItem[];
}

/** The field a validator error points at: `/body/contact/email` → `contact.email`, `/query/page` → `page`. */
function attributeOf(item: ValidatorErrorItem): string {
  const segments = (item.path ?? '').split(/[./]/).filter(Boolean);
  const [location, ...rest] = segments;
  if (rest.length > 0) return rest.join('.');
  return location ?? 'request';
}

function problemsOf(errors: ValidatorErrorItem[]): FieldProblem[] {
  return errors.map((item) => ({ attribute: attributeOf(item), message: item.message ?? 'is invalid' }));
}

/** Turns what body parsing and request validation throw into the catalogue's errors. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const http = (error ?? {}) as HttpLikeError;
  if (http.type === 'entity.parse.failed') return appError('MALFORMED_JSON');
  if (http.type === 'entity.too.large') return appError('PAYLOAD_TOO_LARGE');
  switch (http.status) {
    case 400:
      return validationError(problemsOf(http.errors ?? []));
    case 404:
      return appError('ROUTE_NOT_FOUND');
    case 405:
      return appError('METHOD_NOT_ALLOWED');
    case 413:
      return appError('PAYLOAD_TOO_LARGE');
    case 415:
      return appError('UNSUPPORTED_MEDIA_TYPE');
    default:
      return new AppError('INTERNAL_ERROR', { cause: error });
  }
}

/** The one place errors become responses: `{error, code}`, or `{message, attributes, code}` for invalid input. */
export const errorMiddleware: ErrorRequestHandler = (error, req, res, _next) => {
  const appErr = toAppError(error);
  if (appErr.status >= 500) req.log.error({ err: appErr.cause ?? error }, 'request failed');
  if (res.headersSent) return;
  if (appErr.code === 'VALIDATION_FAILED') {
    res.status(appErr.status).json({
      ...(appErr.asReferenceError && { error: appErr.message }),
      message: appErr.message,
      attributes: [...new Set(appErr.problems.map((problem) => problem.attribute))],
      code: appErr.code,
    });
    return;
  }
  res.status(appErr.status).json({ error: appErr.message, code: appErr.code });
};
