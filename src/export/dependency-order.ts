import { chunks, keysetPages } from './keyset.ts';

/*
 * Some rows name another row of their own table: a term its parent, a translation its
 * original. An import resolves such a reference when it reads the record, so the row
 * named must be written first. Id order is nearly always right (what is named usually
 * existed first), but not always: a re-import can point an old row at a newer one. Only
 * the rows that name something are held in memory (two numbers each), never the table.
 */

export interface SelfReference {
  id: number;
  ref: number;
}

export interface DependencyPlan {
  /** Rows that cannot be written in id order, in an order that puts each after what it names. */
  deferred: number[];
  /**
   * Rows in a loop (A names B, B names A; or itself): written first without the reference,
   * then written again in full once every row exists.
   */
  cyclic: number[];
}

export function planDependencyOrder(references: readonly SelfReference[]): DependencyPlan {
  const refOf = new Map(references.map((r) => [r.id, r.ref]));
  const cyclic = new Set<number>();
  for (const start of refOf.keys()) {
    // Follow the chain; a chain that comes back to its start is a loop.
    const seen = new Set<number>();
    let current: number | undefined = start;
    while (current !== undefined && !seen.has(current)) {
      seen.add(current);
      current = refOf.get(current);
    }
    if (current === start) cyclic.add(start);
  }
  const effectiveRef = (id: number) => (cyclic.has(id) ? undefined : refOf.get(id));

  // Ascending ids: a row may follow id order when what it names has a lower id and may
  // itself follow id order.
  const depth = new Map<number, number>();
  const isDeferred = new Set<number>();
  for (const id of [...refOf.keys()].sort((a, b) => a - b)) {
    const ref = effectiveRef(id);
    if (ref !== undefined && (ref > id || isDeferred.has(ref))) isDeferred.add(id);
  }
  const depthOf = (id: number): number => {
    if (!isDeferred.has(id)) return 0;
    const known = depth.get(id);
    if (known !== undefined) return known;
    const ref = effectiveRef(id);
    const value = ref === undefined ? 0 : 1 + depthOf(ref);
    depth.set(id, value);
    return value;
  };
  const deferred = [...isDeferred].sort((a, b) => depthOf(a) - depthOf(b) || a - b);
  return { deferred, cyclic: [...cyclic].sort((a, b) => a - b) };
}

/** A batch of rows to write, and the ids among them to write without their reference. */
export interface OrderedBatch<T> {
  rows: T[];
  withoutRef: ReadonlySet<number>;
  /** True for the second, complete writing of rows in a loop. */
  isRepeat: boolean;
}

/**
 * Every row of a table in an order an import can follow: id order (keyset pages) for all
 * but the deferred rows, then those, then the rows in loops once more in full.
 */
export async function* inDependencyOrder<T extends { id: number }>(
  references: readonly SelfReference[],
  fetchPage: (afterId: number, limit: number) => Promise<T[]>,
  fetchByIds: (ids: number[]) => Promise<T[]>,
): AsyncGenerator<OrderedBatch<T>> {
  const plan = planDependencyOrder(references);
  const deferred = new Set(plan.deferred);
  const cyclic = new Set(plan.cyclic);
  for await (const page of keysetPages(fetchPage)) {
    const rows = page.filter((row) => !deferred.has(row.id));
    if (rows.length > 0) yield { rows, withoutRef: cyclic, isRepeat: false };
  }
  const none = new Set<number>();
  for (const [ids, isRepeat] of [
    [plan.deferred, false],
    [plan.cyclic, true],
  ] as const) {
    for (const chunk of chunks(ids)) {
      const byId = new Map((await fetchByIds(chunk)).map((row) => [row.id, row]));
      const rows = chunk.flatMap((id) => byId.get(id) ?? []);
      yield { rows, withoutRef: none, isRepeat };
    }
  }
}
