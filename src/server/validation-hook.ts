import type { OpenAPIHonoOptions } from '@hono/zod-openapi';
import { validationErrorOf } from '../model/validate.js';
import type { AppEnv } from './env.js';

/** How an issue at the top of each part of a request is named. */
const parts: Record<string, { what: string; root: string }> = {
  json: { what: 'request body', root: '(body)' },
  query: { what: 'query parameters', root: '(query)' },
  param: { what: 'path parameters', root: '(path)' },
};

/** Turns a failed request validation into the ValidationError every surface throws (a 400 naming each field). */
export const rejectInvalidRequest: NonNullable<OpenAPIHonoOptions<AppEnv>['defaultHook']> = (result) => {
  if (result.success) return;
  const part = parts[result.target] ?? { what: result.target, root: `(${result.target})` };
  throw validationErrorOf(result.error, part.what, part.root);
};
