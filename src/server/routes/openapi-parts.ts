import type { z } from '@hono/zod-openapi';
import { errorBodySchema } from '../schemas/error.js';

/** A JSON response of `schema`. */
export function jsonResponse<S extends z.ZodType>(description: string, schema: S) {
  return { description, content: { 'application/json': { schema } } };
}

/** A JSON request body; optional when every field of `schema` has a default (an empty body is `{}`). */
export function jsonBody<S extends z.ZodType>(schema: S, required = true) {
  return { required, content: { 'application/json': { schema } } };
}

const errorResponse = (description: string) => jsonResponse(description, errorBodySchema);

/** The errors any /v1 route may answer. */
export const errorResponses = {
  400: errorResponse('`validation`: a path or query value is invalid or unknown; `issues` names each field'),
  401: errorResponse('`unauthorized`: missing or unknown API key'),
  404: errorResponse("`not_found`: no such id in the caller's scope"),
  409: errorResponse('`conflict`: the request contradicts the stored state'),
  500: errorResponse('`internal`: a bug; the log has it under the request id'),
  503: errorResponse('`unavailable`: a dependency (database, model) did not answer'),
} as const;

/** The errors a route that takes a JSON body may answer. */
export const bodyErrorResponses = {
  ...errorResponses,
  400: errorResponse('`validation`: the body is not JSON, or a body, path or query value is invalid or unknown; `issues` names each field; nothing was written'),
  413: errorResponse('`payload_too_large`: the body is over the size limit'),
  415: errorResponse('`unsupported_media_type`: the body is not sent as application/json'),
} as const;
