// The one error shape of the API: HTTP status + { error: { code, message } }. `code` is stable
// (clients and tests branch on it), `message` is Chinese text the mini-program shows as is.

export type ErrorBody = { error: { code: string; message: string } };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  body(): ErrorBody {
    return errorBody(this.code, this.message);
  }
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
