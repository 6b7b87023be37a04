import { z } from 'zod';
import { parseInput } from '../../model/validate.js';

/** A query-string boolean: `true` or `false`. */
export const queryBoolean = z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true');

/** A query-string positive integer. */
export const queryPositiveInt = z.coerce.number('must be a number').int('must be an integer').positive('must be positive');

/** A query-string list: comma-separated values. */
export const queryList = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** Parses a route's query string with its REST-only schema; a failure is a 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.infer<S> {
  return parseInput(schema, query, 'query parameters');
}

/** A query-string number. */
export const queryNumber = z.coerce.number('must be a number');
