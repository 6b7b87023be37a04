import { UnavailableError, ValidationError } from '../../errors.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'ENETUNREACH']);
const CLIENT_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|connection timeout|Query read timeout|Client has encountered a connection error/i;

/** True when the error means PostgreSQL could not be reached or gave up, not that the query was wrong. */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // 08: connection exception; 53: insufficient resources; 57P: shutdown, crash, starting up; 57014: statement timeout.
    if (code.startsWith('08') || code.startsWith('53') || code.startsWith('57P') || code === '57014') return true;
    if (NETWORK_CODES.has(code)) return true;
  }
  return error instanceof Error && CLIENT_MESSAGES.test(error.message);
}

/**
 * The typed error a PostgreSQL failure becomes: unreachable or timed out is UnavailableError (a
 * fast 503, the call wrote nothing); text PostgreSQL cannot store is a ValidationError.
 */
export function storeErrorOf(error: unknown): unknown {
  if (isConnectionFailure(error)) {
    const code = (error as { code?: string }).code;
    const reason = code === '57014' ? 'the statement ran past AGENT_MEM_PG_STATEMENT_TIMEOUT_MS' : (error as Error).message;
    return new UnavailableError(`PostgreSQL is unavailable: ${reason}`, { cause: code ?? 'connection' });
  }
  const code = (error as { code?: unknown }).code;
  if (code === '22021' || code === '22P05') {
    return new ValidationError('text holds a character PostgreSQL cannot store (NUL, \\u0000)', [{ field: '(text)', reason: 'must not contain the NUL character' }]);
  }
  return error;
}
