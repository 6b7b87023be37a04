import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../errors.js';

/** Parses library input with a zod schema; a failure throws ValidationError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(input)',
    reason: issue.message,
  }));
  const summary = issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
  throw new ValidationError(`invalid ${what}: ${summary}`, issues);
}
