import fc from 'fast-check';

/** The part of JSON Schema the REST document and the MCP tool list use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** `{a: {a: … {} }}`, `levels` objects deep. */
export function nestedObject(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let i = 1; i < levels; i++) node = (node.a = {}) as Record<string, unknown>;
  return root;
}

const hostileString = fc.constantFrom(
  '',
  '   ',
  'nul\u0000byte',
  '\u0000',
  'lone \uD800 high',
  '\uDFFF',
  'x'.repeat(70_000),
  '💥'.repeat(300),
  '%00%zz',
  '../../etc/passwd',
  "'; DROP TABLE episodes; --",
  '{"a":1}',
  'a,b,,c',
);

const hostileNumber = fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 53), 1e10, 2 ** 31, 2 ** 63, -1, 0, -0, 0.5, 5e-324, 1e-7);

/** Dates out of range, impossible, without an offset, or not dates at all. */
export const oddDate = fc.constantFrom(
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+01:00',
  '9999-12-31T23:59:59-05:00',
  '2021-02-30T00:00:00Z',
  '2021-01-01',
  '2021-01-01T00:00:00',
  '+010000-01-01T00:00:00Z',
  '2021-01-01T24:00:00Z',
  '2021-01-01T00:00:00+14:00',
  '2020-12-31T22:00:00.123456789Z',
  'yesterday',
);

const wrongType = fc.constantFrom<unknown>(null, true, [], {}, [1, 'a'], { a: { b: [] } });

/** A hostile value for any position: bad strings and numbers, odd dates, deep or big JSON, wrong types, random JSON. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  oddDate,
  // Deeper values go as raw text (see the fuzz suite): JSON.stringify itself recurses.
  fc.integer({ min: 33, max: 1500 }).map(nestedObject),
  fc.constant({ blob: 'x'.repeat(70_000) }),
  wrongType,
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A valid ISO date-time, written with Z or an offset. */
const isoDate = fc
  .record({ at: fc.date({ min: new Date('0001-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }), offsetMinutes: fc.integer({ min: -12 * 60, max: 14 * 60 }) })
  .map(({ at, offsetMinutes }) => {
    if (offsetMinutes === 0) return at.toISOString();
    const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  });

const smallJson = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });

/** `arbitrary` one time in five, null otherwise (fc.option's `freq` is the odds of null, the other way round). */
export function sometimes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

export interface ArbitraryOptions {
  /** Weight of a hostile value against 10 for a schema-shaped one, at every position (0: shaped values only). */
  hostility: number;
  /** Values to prefer for properties of these names (ids that exist, say). */
  known?: Record<string, readonly unknown[]>;
}

/** Values shaped by `schema` (not always valid: lengths are free and trims may empty a string), mixed with hostile ones. */
export function arbitraryOf(schema: JsonSchema, options: ArbitraryOptions, name?: string): fc.Arbitrary<unknown> {
  const shaped = shapedBy(schema, options, name);
  return options.hostility > 0 ? fc.oneof({ weight: 10, arbitrary: shaped }, { weight: options.hostility, arbitrary: hostileValue }) : shaped;
}

function shapedBy(schema: JsonSchema, options: ArbitraryOptions, name?: string): fc.Arbitrary<unknown> {
  const known = name ? options.known?.[name] : undefined;
  const own = ownShape(schema, options);
  return known?.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: own }) : own;
}

function ownShape(schema: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => arbitraryOf(choice, options)));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => arbitraryOf({ ...schema, type }, options)));
  switch (schema.type) {
    case 'object':
      return objectOf(schema, options);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return fc.array(arbitraryOf(schema.items ?? {}, options), { minLength, maxLength: Math.min(schema.maxItems ?? minLength + 3, minLength + 3) });
    }
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({ min: Math.max(lowest(schema, 1), -(2 ** 31)), max: Math.min(schema.maximum ?? 2 ** 31 - 1, 2 ** 31 - 1) });
    case 'number':
      return fc.double({ min: lowest(schema, 0), minExcluded: schema.exclusiveMinimum !== undefined, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** The lower bound; an exclusive one is stepped over by `step` for integers. */
function lowest(schema: JsonSchema, step: number): number {
  if (schema.exclusiveMinimum !== undefined) return schema.exclusiveMinimum + (schema.type === 'integer' ? step : 0);
  return schema.minimum ?? -1e6;
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return isoDate;
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 24, minLength + 24);
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= maxLength);
  return fc.string({ minLength, maxLength });
}

function objectOf(schema: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) {
    if (schema.additionalProperties === false) return fc.constant({});
    return typeof schema.additionalProperties === 'object' && Object.keys(schema.additionalProperties).length > 0
      ? fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), arbitraryOf(schema.additionalProperties, options), { maxKeys: 4 })
      : smallJson;
  }
  const model = Object.fromEntries(properties.map(([key, property]) => [key, arbitraryOf(property, options, key)]));
  const shaped = fc.record(model, { requiredKeys: schema.required ?? [] });
  if (options.hostility === 0) return shaped;
  // Hostile mode also misspells: an unknown field beside the known ones.
  return fc.tuple(shaped, sometimes(fc.tuple(fc.constantFrom('limt', 'metadataa', 'extra', '__proto__', 'constructor'), hostileValue))).map(([value, extra]) =>
    extra ? { ...(value as object), [extra[0]]: extra[1] } : value,
  );
}
