/**
 * A small schema kit: each schema is a runtime check that also carries the
 * TypeScript type it proves, so a payload type is written once and checked
 * with the same definition (N4). The payload schemas are in `schemas.ts`.
 *
 * In-house rather than valibot because of the size budget: valibot's
 * version of the same schemas added about 2.3 KB gzipped to the kit, past
 * the 50 KB budget; this module costs a fraction of that.
 */

/** Where a value failed its schema and why. */
export interface Problem {
  /** Keys and indexes from the checked value down to the bad field; empty for the value itself. */
  path: (string | number)[];
  /** What is wrong, in English, e.g. `not a time`. */
  message: string;
}

/**
 * A check that proves `T`: returns nothing when the value is a `T`, else the
 * first problem found. Values are read, never copied, so a journey of
 * thousands of records costs no allocation when it is well formed.
 */
export interface Schema<T> {
  (value: unknown): Problem | undefined;
  /** Type only: never set. What the schema proves. */
  readonly type?: T;
}

/** A schema whose key may be left out of an object. */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
}

/** The type a schema proves. */
export type Infer<S> = S extends { readonly type?: infer T } ? T : never;

/** The fields of an object schema, each with its schema. */
export type Shape = Record<string, Schema<unknown>>;

// The mapped types keep each key's declaration, so JSDoc written on a
// field of a shape shows on the inferred type's property.
type Flat<T> = { [K in keyof T]: T[K] } & {};
type OptionalKey<S, K extends keyof S> = S[K] extends { readonly optional: true } ? K : never;

/** The object type a shape describes: optional schemas give optional keys. */
export type InferShape<S extends Shape> = Flat<
  { -readonly [K in keyof S as K extends OptionalKey<S, K> ? never : K]: Infer<S[K]> } & {
    -readonly [K in keyof S as OptionalKey<S, K>]?: Exclude<Infer<S[K]>, undefined>;
  }
>;

/** One object type per tag of a variant, the tag under `K`. */
export type InferVariant<K extends string, M extends Record<string, Shape>> = {
  [T in keyof M & string]: Flat<{ -readonly [P in K]: T } & InferShape<M[T]>>;
}[keyof M & string];

const fail = (message: string): Problem => ({ path: [], message });

/** A string of `min` to `max` UTF-16 code units: O(1) to measure, even for long text. */
export const string =
  (min: number, max: number, what: string): Schema<string> =>
  (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max ? undefined : fail(what);

/** A number from `min` to `max` (so never NaN; never ±Infinity with finite bounds). */
export const number =
  (min: number, max: number, what: string): Schema<number> =>
  (v) =>
    typeof v === 'number' && v >= min && v <= max ? undefined : fail(what);

/** An integer from `min` to `max` (so never NaN nor ±Infinity). */
export const integer =
  (min: number, max: number, what: string): Schema<number> =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : fail(what);

/** `true` or `false`. */
export const boolean: Schema<boolean> = (v) => (typeof v === 'boolean' ? undefined : fail('not true or false'));

/** Exactly one of the given strings. */
export function oneOf<const V extends readonly string[]>(...values: V): Schema<V[number]> {
  const message = `not one of ${values.join(', ')}`;
  return (v) => (values.includes(v as string) ? undefined : fail(message));
}

/** `T`, or the key left out (or undefined). */
export function optional<T>(schema: Schema<T>): OptionalSchema<T> {
  return Object.assign((v: unknown) => (v === undefined ? undefined : schema(v)), { optional: true as const });
}

/** `T` or null. */
export const nullable =
  <T>(schema: Schema<T>): Schema<T | null> =>
  (v) =>
    v === null ? undefined : schema(v);

/** A list of `T`. */
export const array =
  <T>(item: Schema<T>): Schema<T[]> =>
  (v) => {
    if (!Array.isArray(v)) return fail('not a list');
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i]);
      if (problem) {
        problem.path.unshift(i);
        return problem;
      }
    }
    return undefined;
  };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An object with the shape's fields. Other keys are allowed and left alone,
 * so a newer backend may add fields without breaking an older kit.
 */
export function object<S extends Shape>(shape: S): Schema<InferShape<S>> {
  // Journeys bring thousands of records: keep the per-record work to a plain loop.
  const entries = Object.entries(shape);
  return (v) => {
    if (!isRecord(v)) return fail('not a record');
    for (const [key, check] of entries) {
      const field = v[key];
      const problem = check(field);
      if (problem) {
        if (field === undefined) problem.message = 'missing';
        problem.path.unshift(key);
        return problem;
      }
    }
    return undefined;
  };
}

/** One of several object shapes, told apart by the string under `key` (a tagged union). */
export function variant<K extends string, M extends Record<string, Shape>>(key: K, shapes: M): Schema<InferVariant<K, M>> {
  // A Map, so a tag such as "toString" finds nothing rather than Object.prototype's.
  const checks = new Map(Object.entries(shapes).map(([tag, shape]) => [tag, object(shape)]));
  const unknown = `not one of ${[...checks.keys()].join(', ')}`;
  return (v) => {
    if (!isRecord(v)) return fail('not a record');
    const check = checks.get(v[key] as string);
    return check ? check(v) : { path: [key], message: v[key] === undefined ? 'missing' : unknown };
  };
}

/** A type guard from a schema. */
export const guard =
  <T>(schema: Schema<T>) =>
  (value: unknown): value is T =>
    !schema(value);

/** A problem in words: `at [3].createdAt: not a time`, or just the message for the value itself. */
export function describeProblem({ path, message }: Problem): string {
  const where = path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('');
  return where ? `at ${where.replace(/^\./, '')}: ${message}` : message;
}
