import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../errors.js';

/**
 * One FieldIssue per offending field, named by its dotted path (`root` when the value itself is
 * wrong); an unknown key is named itself, so a misspelled option says which one.
 */
export function fieldIssuesOf(error: z.ZodError, root = '(input)'): FieldIssue[] {
  // An empty key is named `""`, so every issue names a field.
  const fieldAt = (path: PropertyKey[]) => (path.length ? path.map((key) => String(key) || '""').join('.') : root);
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldAt([...issue.path, key]), reason: 'unknown field' }))
      : [{ field: fieldAt(issue.path), reason: issue.code === 'invalid_key' ? `key ${issue.issues[0]?.message ?? issue.message}` : issue.message }],
  );
}

/** The ValidationError for a failed parse of `what`, listing every field. */
export function validationErrorOf(error: z.ZodError, what: string, root?: string): ValidationError {
  const issues = fieldIssuesOf(error, root);
  const summary = issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
  return new ValidationError(`invalid ${what}: ${summary}`, issues);
}

/** Parses library input with a zod schema; a failure throws ValidationError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationErrorOf(result.error, what);
}
