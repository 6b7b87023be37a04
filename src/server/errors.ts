import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AgentMemError, ValidationError, type AgentMemErrorCode } from '../errors.js';
import type { ErrorBody } from './schemas/error.js';

const statusByCode: Record<AgentMemErrorCode, ContentfulStatusCode> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  config: 500,
};

/** An error answer the server makes itself (401, 404 for an unknown route, 413). */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string): Response {
  const body: ErrorBody = { error: { code, message, requestId: c.get('requestId') } };
  return c.json(body, status);
}

/**
 * The HTTP status and JSON body for anything a handler threw: the library's typed errors, and the
 * body checks of @hono/zod-openapi (415 for a body not sent as JSON, 400 for malformed JSON).
 * Unexpected errors hide their message.
 */
export function httpErrorOf(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof AgentMemError) {
    const issues = error.details.issues as ErrorBody['error']['issues'];
    return { status: statusByCode[error.code], body: { error: { code: error.code, message: error.message, ...(issues ? { issues } : {}) } } };
  }
  if (error instanceof HTTPException && error.status === 415) {
    return { status: 415, body: { error: { code: 'unsupported_media_type', message: 'the request body must be sent as application/json' } } };
  }
  if (error instanceof HTTPException && error.status === 400) {
    return httpErrorOf(new ValidationError('request body is not valid JSON', [{ field: '(body)', reason: error.message }]));
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal server error' } } };
}
