/**
 * Which store errors are worth trying again: the database did not answer (a connection
 * refused, reset or timed out, a server restarting or shutting down, a statement cut off
 * by its timeout) or was busy (SQLite's lock, a PostgreSQL deadlock or serialization
 * failure). A bug, a constraint or a closed store is not: trying again changes nothing.
 */

/** Node's network error codes, as pg passes them through. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (shutting down, crash,
 * cannot connect now), 57014 (statement_timeout), 53300 (too many connections), 40001 and
 * 40P01 (serialization failure, deadlock).
 */
const POSTGRES = /^(08...|57P0[123]|57014|53300|40001|40P01)$/;

/** What pg says when a connection goes away or a query or a connect runs out of time. */
const POSTGRES_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection error and is not queryable|Connection timed out/i;

/** better-sqlite3's codes for a database another process holds (after busy_timeout ran out). */
const SQLITE = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY']);

/** True when `error` says the database did not answer or was busy, so the same call may work later. */
export function isTransientStoreError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK.has(code) || POSTGRES.test(code) || SQLITE.has(code))) return true;
  if (POSTGRES_MESSAGES.test(error.message)) return true;
  // pg wraps some failures (AggregateError of every address tried on connect).
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested)) return nested.some(isTransientStoreError);
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isTransientStoreError(cause);
}
