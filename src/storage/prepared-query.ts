import type { Compilable, CompiledQuery, QueryResult } from 'kysely';

/** What a prepared query may be called with: plain values, or lists of them for `in (…)`. */
export type PreparedValue = string | number | null;
export type PreparedArg = PreparedValue | readonly PreparedValue[];

/** One compiled form per shape (which arguments are lists, and how long): a few per query. */
const MAX_SHAPES = 64;

/**
 * A read query that Kysely builds and compiles once per argument shape; later calls only
 * bind new values. Building and compiling a query cost four times what SQLite takes to
 * run it on a page's small lookups (0.15 ms against 0.04 ms for the publication row),
 * and a page runs about ten of them.
 *
 * The builder is called with stand-in values, and each stand-in is traced to the
 * parameter positions it landed in, so the builder must pass its arguments to Kysely
 * untouched (no `.toISOString()`, no arithmetic): branch on list lengths only, which
 * the shape keeps. Works the same on SQLite and PostgreSQL, since both receive the
 * ordinary compiled statement.
 */
export function preparedQuery<A extends PreparedArg[], R>(
  db: { executeQuery<O>(query: CompiledQuery<O>): Promise<QueryResult<O>> },
  build: (...args: A) => Compilable<R>,
): (...args: A) => Promise<R[]> {
  const shapes = new Map<string, Shape<R>>();
  return async (...args) => {
    const key = shapeKey(args);
    let shape = shapes.get(key);
    if (!shape) {
      shape = compileShape(build, args);
      if (shapes.size >= MAX_SHAPES) shapes.clear();
      shapes.set(key, shape);
    }
    const parameters = shape.slots.map((slot) => slot(args));
    const result = await db.executeQuery<R>({ ...shape.compiled, parameters });
    return result.rows;
  };
}

interface Shape<R> {
  compiled: CompiledQuery<R>;
  /** Where each parameter's value comes from: an argument, an item of one, or a constant. */
  slots: ((args: readonly PreparedArg[]) => unknown)[];
}

function shapeKey(args: readonly PreparedArg[]): string {
  let key = '';
  for (const arg of args) key += Array.isArray(arg) ? `[${arg.length}]` : '.';
  return key;
}

/** A unique object per argument (and list item): found again among the parameters by identity. */
class StandIn {
  readonly arg: number;
  readonly item: number | null;
  constructor(arg: number, item: number | null) {
    this.arg = arg;
    this.item = item;
  }
}

function compileShape<A extends PreparedArg[], R>(
  build: (...args: A) => Compilable<R>,
  args: A,
): Shape<R> {
  const standIns = args.map((arg, i) =>
    Array.isArray(arg) ? arg.map((_, j) => new StandIn(i, j)) : new StandIn(i, null),
  );
  const compiled = build(...(standIns as unknown as A)).compile();
  const reached = new Set(compiled.parameters.filter((p) => p instanceof StandIn));
  const lost = standIns.flat().find((s) => !reached.has(s));
  // A stand-in that never became a parameter was read or reshaped by the builder: the
  // compiled statement would silently ignore that argument on later calls.
  if (lost)
    throw new Error(`preparedQuery: argument ${lost.arg} does not reach the SQL as a value`);
  const slots = compiled.parameters.map((parameter) => {
    if (!(parameter instanceof StandIn)) return () => parameter;
    const { arg, item } = parameter;
    return item === null
      ? (values: readonly PreparedArg[]) => values[arg]
      : (values: readonly PreparedArg[]) => (values[arg] as readonly PreparedValue[])[item];
  });
  return { compiled, slots };
}
