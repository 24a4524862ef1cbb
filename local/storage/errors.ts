// Errors in the shape Supabase Storage answers them, so supabase-js (storage-js) sees the same
// StorageApiError it sees in production: body { statusCode, code, error, message } where
// statusCode is the logical status as a string ("404", "403", "409", "413", "415"), and the HTTP
// status is 400 for every logical status below 500 (Storage's error handler sends
// `userStatusCode`, which is 400 unless the error is a 500).
import postgres from "postgres";

export class StorageError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly error?: string,
  ) {
    super(message);
  }

  get httpStatus(): 400 | 500 {
    return this.statusCode >= 500 ? 500 : 400;
  }

  render() {
    return {
      statusCode: String(this.statusCode),
      code: this.code,
      error: this.error ?? this.code,
      message: this.message,
    };
  }
}

/** The errors of Storage's `ERRORS` table that this endpoint can raise, same texts. */
export const ERRORS = {
  accessDenied: (message = "Access denied") =>
    new StorageError(403, "AccessDenied", message, "Unauthorized"),
  noSuchBucket: () => new StorageError(404, "NoSuchBucket", "Bucket not found", "Bucket not found"),
  noSuchKey: () => new StorageError(404, "NoSuchKey", "Object not found", "not_found"),
  alreadyExists: () =>
    new StorageError(409, "ResourceAlreadyExists", "The resource already exists", "Duplicate"),
  invalidKey: (key: string) => new StorageError(400, "InvalidKey", `Invalid key: ${key}`),
  invalidMimeType: (mime: string) =>
    new StorageError(
      415,
      "InvalidMimeType",
      `mime type ${mime} is not supported`,
      "invalid_mime_type",
    ),
  entityTooLarge: () =>
    new StorageError(
      413,
      "EntityTooLarge",
      "The object exceeded the maximum allowed size",
      "Payload too large",
    ),
  noContent: () => new StorageError(400, "InvalidRequest", "No content provided"),
  invalidJwt: (message = "Invalid JWT") => new StorageError(400, "InvalidJWT", message),
  invalidSignature: () => new StorageError(400, "InvalidSignature", "Invalid signature"),
  invalidRequest: (message: string) => new StorageError(400, "InvalidRequest", message),
  relatedNotFound: () =>
    new StorageError(404, "InvalidRequest", "The related resource does not exist"),
  internal: (message = "Internal server error") =>
    new StorageError(500, "InternalError", message, "Internal"),
};

/** Postgres errors → Storage errors, as Storage's DBError.fromDBError maps them. */
export function fromDbError(e: unknown): unknown {
  if (!(e instanceof postgres.PostgresError)) return e;
  switch (e.code) {
    case "42501":
      return ERRORS.accessDenied(
        e.message.includes("row-level security")
          ? "new row violates row-level security policy"
          : e.message,
      );
    case "23505":
      return ERRORS.alreadyExists();
    case "23503":
      return ERRORS.relatedNotFound();
    default:
      return new StorageError(500, "DatabaseError", `database error, code: ${e.code}`);
  }
}

export function errorResponse(e: unknown): Response {
  const err = e instanceof StorageError ? e : fromDbError(e);
  if (err instanceof StorageError) {
    return Response.json(err.render(), { status: err.httpStatus });
  }
  console.error("storage: unexpected error", e);
  return Response.json(ERRORS.internal().render(), { status: 500 });
}
