/**
 * Interning of feature values: records share one immutable object per distinct name, place
 * or patronymic, so comparisons between two values can be cached on the object.
 */

export interface Interned {
  /** Unique per interned object. */
  id: number;
  /** Cached comparison results against other objects of the same kind, by their id. */
  relations: Map<number, number>;
}

let nextId = 1;
let cachedRelations = 0;
const MAX_CACHED = 3_000_000;

export function newInternedId(): number {
  return nextId++;
}

/** A table that returns the same object for the same key, building it once. */
export class InternTable<T extends Interned> {
  private readonly map = new Map<string, T>();
  constructor(private readonly limit = 2_000_000) {}

  get(key: string, build: () => T | null): T | null {
    const known = this.map.get(key);
    if (known) return known;
    const value = build();
    if (value && this.map.size < this.limit) this.map.set(key, value);
    return value;
  }
}

/** compute(a, b), cached on a by b's id (bounded overall). */
export function cachedRelation<T extends Interned>(a: T, b: T, compute: (a: T, b: T) => number): number {
  const known = a.relations.get(b.id);
  if (known !== undefined) return known;
  const value = compute(a, b);
  if (cachedRelations < MAX_CACHED) {
    a.relations.set(b.id, value);
    cachedRelations++;
  }
  return value;
}
