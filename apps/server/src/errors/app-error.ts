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
  /** Whether the request presented a credential (a token, a sign-in link) that matches nothing: a possible guess. */
  readonly unmatchedCredential: boolean;

  constructor(
    code: ErrorCode,
    options: { message?: string; problems?: FieldProblem[]; cause?: unknown; unmatchedCredential?: boolean } = {},
  ) {
    super(options.message ?? errorCatalogue[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.problems = options.problems ?? [];
    this.unmatchedCredential = options.unmatchedCredential ?? false;
  }
}

/** An error of the catalogue, with its standard message unless one is given. */
export function appError(code: ErrorCode, message?: string): AppError {
  return new AppError(code, message === undefined ? {} : { message });
}

/**
 * The refusal of a credential the request presented and that matches nothing: counted against the caller's address,
 * unlike a missing credential or a valid one used where it does not apply.
 */
export function unmatchedCredentialError(code: ErrorCode): AppError {
  return new AppError(code, { unmatchedCredential: true });
}

/** A 422 naming each offending field, as `{message, attributes}`. */
export function validationError(problems: FieldProblem[]): AppError {
  return new AppError('VALIDATION_FAILED', {
    message: problems.map((problem) => `${problem.attribute} ${problem.message}`).join(', '),
    problems,
  });
}
