/**
 * A statement's failure as Databricks SQL reports it: `[ERROR_CLASS] message`, carried in the
 * statement's `status.error` as `{"error_code": "BAD_REQUEST", "message": "[CLASS] …"}`.
 */
export class SqlStatementError extends Error {
  constructor(
    readonly errorClass: string,
    detail: string,
    readonly errorCode = 'BAD_REQUEST',
  ) {
    super(`[${errorClass}] ${detail}`);
    this.name = 'SqlStatementError';
  }
}
