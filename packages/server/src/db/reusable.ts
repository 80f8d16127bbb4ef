/**
 * Queries on hot paths, compiled once per shape and then run with new values.
 *
 * Kysely builds an immutable node tree and compiles it on every call: 5–15 µs per query. A feed
 * page runs a dozen cheap queries, so building them was about a tenth of its time in Foyer
 * (docs/benchmarks.md). A reusable query is built once with placeholder values; its SQL is kept
 * and later calls only put their values in the placeholders' positions.
 *
 * The builder must use its values as SQL values only. What changes the SQL text is the shape:
 * the `shape` argument, which values are present (`!== undefined`), and the length of every list.
 * Never branch on a value's content (`if (before)` sees a placeholder, which is always truthy;
 * write `if (values.before !== undefined)`).
 */
import { CompiledQuery, type Compilable, type InferResult, type Kysely } from 'kysely';
import type { DB } from './schema.js';

class Placeholder {
  constructor(
    readonly name: string,
    readonly index: number | null,
  ) {}
}

type Values = Record<string, unknown>;
type Shape = Record<string, string | number | boolean | undefined>;

/** Compiled shapes kept per query and database; lists of up to a few hundred lengths fit. */
const MAX_SHAPES = 256;

export function reusableQuery<V extends Values, S extends Shape, Q extends Compilable<unknown>>(build: (db: Kysely<DB>, values: V, shape: S) => Q) {
  const compiledBy = new WeakMap<Kysely<DB>, Map<string, CompiledQuery>>();
  return async (db: Kysely<DB>, values: V, shape: S = {} as S): Promise<InferResult<Q>> => {
    let key = '';
    for (const name in shape) key += `${name}=${shape[name]};`;
    for (const name in values) {
      const v = values[name];
      key += v === undefined ? `${name}?;` : Array.isArray(v) ? `${name}[${v.length}];` : `${name};`;
    }
    let shapes = compiledBy.get(db);
    if (!shapes) compiledBy.set(db, (shapes = new Map()));
    let compiled = shapes.get(key);
    if (!compiled) {
      const placeholders: Values = {};
      for (const name in values) {
        const v = values[name];
        if (v !== undefined) placeholders[name] = Array.isArray(v) ? v.map((_, i) => new Placeholder(name, i)) : new Placeholder(name, null);
      }
      compiled = build(db, placeholders as V, shape).compile();
      if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
      shapes.set(key, compiled);
    }
    const parameters = compiled.parameters.map((p) => {
      if (!(p instanceof Placeholder)) return p;
      const v = values[p.name];
      return p.index === null ? v : (v as unknown[])[p.index];
    });
    const result = await db.executeQuery(CompiledQuery.raw(compiled.sql, parameters));
    return result.rows as InferResult<Q>;
  };
}
