import { ConflictError, UnavailableError, ValidationError, type AgentMemError, type FieldIssue } from '../../errors.js';

/** How an agent-mem server reports an error: the `error` of a REST error body, or of an MCP tool error's structuredContent. */
export interface RemoteErrorBody {
  code: string;
  message: string;
  issues?: FieldIssue[];
}

/**
 * The typed error for what a remote agent-mem answered: bad input and conflicts keep their type
 * (retrying would fail the same way); anything else means the remote cannot serve the call.
 */
export function remoteErrorOf(body: RemoteErrorBody, context: string, details: Record<string, unknown>): AgentMemError {
  if (body.code === 'validation') return new ValidationError(body.message, body.issues ?? []);
  if (body.code === 'conflict') return new ConflictError(`${context}: ${body.message}`, details);
  return new UnavailableError(`${context}: ${body.message}`, details);
}
