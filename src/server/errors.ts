import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AgentMemError, type AgentMemErrorCode } from '../errors.js';

export interface ErrorBody {
  error: { code: string; message: string; issues?: Array<{ field: string; reason: string }>; requestId?: string };
}

const statusByCode: Record<AgentMemErrorCode, ContentfulStatusCode> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  config: 500,
};

/** The HTTP status and JSON body for anything a handler threw; unexpected errors hide their message. */
export function httpErrorOf(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof AgentMemError) {
    const issues = error.details.issues as ErrorBody['error']['issues'];
    return { status: statusByCode[error.code], body: { error: { code: error.code, message: error.message, ...(issues ? { issues } : {}) } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal server error' } } };
}
