import { z } from '@hono/zod-openapi';

/** A query-string boolean: `true` or `false`. */
export const queryBoolean = z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true');

/** A query-string positive integer. */
export const queryPositiveInt = z.coerce.number('must be a number').int('must be an integer').positive('must be positive');

/** A query-string number. */
export const queryNumber = z.coerce.number('must be a number');

/** A query-string list: comma-separated values. */
export const queryList = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** A query-string JSON value. */
export const queryJson = z.string().transform((v, ctx) => {
  try {
    return JSON.parse(v) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON' });
    return z.NEVER;
  }
});
