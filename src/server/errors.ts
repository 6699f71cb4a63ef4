/** Typed errors thrown by services; mapped to HTTP answers and form messages only in http/error-adapters.ts (toJsonError, toFormState) and pages in http/error-page.ts. */
// Decision: docs/decisions/025-write-failures-and-double-submits.md
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
  constructor(message: string, fields?: FieldErrors) {
    super(429, 'rate_limited', message, fields);
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super(415, 'unsupported_media_type', message);
  }
}
/** The database refused a write (disk full, read-only, I/O error, locked too long): nothing was saved. */
export class StorageUnavailableError extends AppError {
  constructor(readonly reason: string) {
    super(503, 'storage_unavailable', 'The change could not be saved: the database is not accepting writes right now. Nothing was saved; please try again shortly.');
  }
}

// SQLite result codes meaning "the storage cannot take this write now", not "the request is wrong".
const STORAGE_CODES = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY)(_|$)/;

/** A StorageUnavailableError for a SQLite storage failure (better-sqlite3's SqliteError), else null. */
export function storageFailure(err: unknown): StorageUnavailableError | null {
  if (err instanceof StorageUnavailableError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !STORAGE_CODES.test(code)) return null;
  return new StorageUnavailableError(`${code}: ${(err as Error).message}`);
}

/** The typed error a thrown value stands for (storage failures included), or null for a bug. */
export function toAppError(err: unknown): AppError | null {
  return err instanceof AppError ? err : storageFailure(err);
}
