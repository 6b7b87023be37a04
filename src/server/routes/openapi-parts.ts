import type { z } from '@hono/zod-openapi';
import type { RestApi } from '../env.js';
import { errorBodySchema } from '../schemas/error.js';

/** A JSON response of `schema`. */
export function jsonResponse<S extends z.ZodType>(description: string, schema: S) {
  return { description, content: { 'application/json': { schema } } };
}

/** A JSON request body; optional when every field of `schema` has a default (an empty body is `{}`). */
export function jsonBody<S extends z.ZodType>(schema: S, required = true) {
  return { required, content: { 'application/json': { schema } } };
}

/** Each error answer, described once under `components.responses`. */
const errorAnswers = {
  ValidationFailed: '`validation`: the body is not JSON, or a body, path or query value is invalid or unknown; `issues` names each field; nothing was written',
  Unauthorized: '`unauthorized`: missing or unknown API key',
  NotFound: "`not_found`: no such id in the caller's scope",
  Conflict: '`conflict`: the request contradicts the stored state',
  PayloadTooLarge: '`payload_too_large`: the body is over the size limit',
  UnsupportedMediaType: '`unsupported_media_type`: the body is not sent as application/json',
  Internal: '`internal`: a bug; the log has it under the request id',
  Unavailable: '`unavailable`: a dependency (database, model) did not answer',
} as const;

const answer = (name: keyof typeof errorAnswers) => ({ $ref: `#/components/responses/${name}` });

/** Adds the error schema and the error answers the routes refer to. */
export function registerErrorAnswers(api: RestApi): void {
  api.openAPIRegistry.register('Error', errorBodySchema);
  for (const [name, description] of Object.entries(errorAnswers)) {
    api.openAPIRegistry.registerComponent('responses', name, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  }
}

/** The errors any /v1 route may answer. */
export const errorResponses = {
  400: answer('ValidationFailed'),
  401: answer('Unauthorized'),
  404: answer('NotFound'),
  409: answer('Conflict'),
  500: answer('Internal'),
  503: answer('Unavailable'),
} as const;

/** The errors a route that takes a JSON body may answer. */
export const bodyErrorResponses = { ...errorResponses, 413: answer('PayloadTooLarge'), 415: answer('UnsupportedMediaType') } as const;
