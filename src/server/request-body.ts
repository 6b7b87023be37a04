import type { Context } from 'hono';
import { ValidationError } from '../errors.js';

/** The JSON object a request carries ({} when empty); anything else is a 400 naming the body. */
export async function readJsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ValidationError('request body is not valid JSON', [{ field: '(body)', reason: (error as Error).message }]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('request body must be a JSON object', [{ field: '(body)', reason: 'must be a JSON object' }]);
  }
  return value as Record<string, unknown>;
}
