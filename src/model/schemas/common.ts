import { z } from 'zod';

/** NUL, which PostgreSQL cannot store, and UTF-16 surrogates without their pair, which are not valid UTF-8. */
const UNSTORABLE = /\u0000|\p{Cs}/u;
const UNSTORABLE_REASON = 'must not contain NUL (\\u0000) or unpaired surrogates';

/** True when both stores can hold `text` as given. */
export const isStorableText = (text: string) => !UNSTORABLE.test(text);

/** Every input string starts here, so each one refuses what a store could not keep the same way. */
export const storableString = z.string().refine(isStorableText, UNSTORABLE_REASON);

export const externalIdSchema = storableString.trim().min(1, 'must be a non-empty string').max(256);
export const idSchema = storableString.min(1, 'must be a non-empty string').max(256);

/** Object keys no input may use: zod drops a record's `__proto__` key without a word, so it is refused instead. */
export const RESERVED_KEY = '__proto__';
export const RESERVED_KEY_REASON = `the key ${RESERVED_KEY} is reserved`;

/** A record of `value` by `key` that refuses a `__proto__` key instead of dropping it. */
export function recordSchema<K extends z.core.$ZodRecordKey, V extends z.ZodType>(key: K, value: V) {
  return z.preprocess((input, ctx) => {
    if (input !== null && typeof input === 'object' && Object.hasOwn(input, RESERVED_KEY)) {
      ctx.addIssue({ code: 'custom', path: [RESERVED_KEY], message: RESERVED_KEY_REASON, input });
    }
    return input;
  }, z.record(key, value));
}

/** The limits of a JSON value a caller writes (metadata): nesting depth and serialized size. */
export const JSON_LIMITS = { maxDepth: 32, maxBytes: 64 * 1024 } as const;
const MAX_REPORTED_ISSUES = 10;

/**
 * Checks a JSON value without recursion, so a value nested thousands of levels deep fails here
 * instead of overflowing the stack of whatever walks it next; only then is its size measured.
 */
function checkJsonValue(value: unknown, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const pending: Array<{ value: unknown; path: PropertyKey[] }> = [{ value, path: [] }];
  let issues = 0;
  while (pending.length > 0 && issues < MAX_REPORTED_ISSUES) {
    const { value: node, path } = pending.pop()!;
    if (typeof node === 'string') {
      if (!isStorableText(node)) (issue(path, UNSTORABLE_REASON), issues++);
    } else if (typeof node === 'bigint' || typeof node === 'function' || typeof node === 'symbol') {
      issue(path, 'must be a JSON value');
      issues++;
    } else if (node !== null && typeof node === 'object') {
      if (path.length >= JSON_LIMITS.maxDepth) {
        issue(path, `must be nested at most ${JSON_LIMITS.maxDepth} levels deep`);
        return;
      }
      for (const [key, child] of Object.entries(node)) {
        if (!isStorableText(key)) (issue([...path, key], `key ${UNSTORABLE_REASON}`), issues++);
        else if (key === RESERVED_KEY) (issue([...path, key], RESERVED_KEY_REASON), issues++);
        pending.push({ value: child, path: [...path, key] });
      }
    }
  }
  if (issues > 0) return;
  const bytes = new TextEncoder().encode(JSON.stringify(value)).byteLength;
  if (bytes > JSON_LIMITS.maxBytes) issue([], `must be at most ${JSON_LIMITS.maxBytes} bytes as JSON (is ${bytes})`);
}

/** A JSON object a caller attaches (metadata), within JSON_LIMITS and holding only storable strings. */
export const metadataSchema = recordSchema(z.string(), z.unknown()).superRefine(checkJsonValue);

/** The earliest instant an input date may name (milliseconds since the epoch). */
export const EARLIEST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * An instant: ISO-8601 with `Z` or an offset, taken in as UTC ISO text (`toISOString()`, millisecond
 * precision), so the same instant written with any offset compares equal in both stores. Years
 * 0001–9999: PostgreSQL has no year 0 and ISO text past 9999 does not sort as text.
 */
export const isoDateSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time with Z or an offset' })
  .refine((v) => Date.parse(v) >= EARLIEST_INSTANT && Date.parse(v) <= LATEST, 'must fall between years 0001 and 9999 in UTC')
  .transform((v) => new Date(v).toISOString());

/** Items whose metadata holds every key with exactly this value (strings, numbers, booleans, null). */
export const metadataFilterSchema = recordSchema(
  storableString.min(1, 'keys must be non-empty').max(256),
  z
    .union([z.string().max(4096), z.number(), z.boolean(), z.null()], { error: 'values must be strings, numbers, booleans or null' })
    .refine((v) => typeof v !== 'string' || isStorableText(v), UNSTORABLE_REASON),
).refine((m) => Object.keys(m).length <= 32, 'at most 32 pairs');
