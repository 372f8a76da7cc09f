import { type ErrorCode, errorCatalogue } from './catalogue';

/** One problem with one input field. */
export interface FieldProblem {
  attribute: string;
  message: string;
}

/** An error the API answers with; thrown anywhere, rendered by the error middleware. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly problems: FieldProblem[];

  constructor(code: ErrorCode, options: { message?: string; problems?: FieldProblem[]; cause?: unknown } = {}) {
    super(options.message ?? errorCatalogue[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.problems = options.problems ?? [];
  }
}

/** An error of the catalogue, with its standard message unless one is given. */
export function appError(code: ErrorCode, message?: string): AppError {
  return new AppError(code, message === undefined ? {} : { message });
}

/** A 422 naming each offending field, as `{message, attributes}`. */
export function validationError(problems: FieldProblem[]): AppError {
  return new AppError('VALIDATION_FAILED', {
    message: problems.map((problem) => `${problem.attribute} ${problem.message}`).join(', '),
    problems,
  });
}
