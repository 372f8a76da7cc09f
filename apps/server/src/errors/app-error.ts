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
  /** Whether the body also carries the message as `error`, where the reference's clients read it. */
  readonly asReferenceError: boolean;

  constructor(
    code: ErrorCode,
    options: {
      message?: string;
      problems?: FieldProblem[];
      cause?: unknown;
      unmatchedCredential?: boolean;
      asReferenceError?: boolean;
    } = {},
  ) {
    super(options.message ?? errorCatalogue[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.problems = options.problems ?? [];
    this.unmatchedCredential = options.unmatchedCredential ?? false;
    this.asReferenceError = options.asReferenceError ?? false;
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

/**
 * A 422 about one field that the reference answers as `{"error": text}`: the body carries the text both as `error`
 * and as `message`, with the field in `attributes`.
 */
export function referenceValidationError(attribute: string, text: string): AppError {
  return new AppError('VALIDATION_FAILED', {
    message: text,
    problems: [{ attribute, message: text }],
    asReferenceError: true,
  });
}
