/** Typed errors thrown by services; mapped to HTTP answers and form messages in one place (http-errors.ts). */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields?: FieldErrors, status = 422) {
    super(status, 'validation_failed', message, fields);
  }
}
export class BadRequestError extends AppError {
  constructor(message: string, fields?: FieldErrors) {
    super(400, 'bad_request', message, fields);
  }
}
export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super(404, 'not_found', message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, fields?: FieldErrors) {
    super(409, 'conflict', message, fields);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Sign-in or an API key is required.') {
    super(401, 'unauthorized', message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this.') {
    super(403, 'forbidden', message);
  }
}
export class RateLimitedError extends AppError {
  constructor(message: string) {
    super(429, 'rate_limited', message);
  }
}
