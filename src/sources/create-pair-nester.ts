import { splitKey, type KeySegment } from "./split-key.ts";

/** A place in the nesting: the values given for it, and what nests below it. */
interface Slot {
  values: string[];
  below: Level | undefined;
}

/** Array positions are number keys, names string keys (a name is never a position below the top). */
interface Level {
  slots: Map<string | number, Slot>;
  /** Every key here is an array position (`[0]`, `[]`): the level becomes an array. */
  positional: boolean;
  /** Where the next terminal `[]` goes. */
  next: number;
  /** The positions came in ascending order (pushes, a counted loop): no sort needed. */
  ascending: boolean;
}

export interface PairNester {
  add(key: string, value: string): void;
  /** The nested fields so far. */
  result(): Record<string, unknown>;
}

/**
 * Nests decoded form fields by their bracket names, the shape qs gave (which senders such as
 * amoCRM and Bitrix24 are read by): `a[b]=1` is `{a: {b: "1"}}`, `a[0]=x` and `a[]=x` make
 * arrays (in index order, gaps closed), a repeated name makes an array of its values, and a name
 * with a `__proto__` step is dropped from that step on. Each field costs time in proportion to
 * its own length, so the whole is linear in the body, whatever it repeats or indexes.
 *
 * Where qs's answer depended on the order of conflicting forms, this one does not: values given
 * for a name come first, then what nests below it (`a[b]=2&a=1` is `{a: ["1", {b: "2"}]}`, qs
 * gave `[{b: "2"}, "1"]`); and arrays are not turned into objects past 100,000 items.
 */
export function createPairNester(depth: number): PairNester {
  const root = newLevel();
  root.positional = false;
  return {
    add(key, value) {
      // Most names are flat: no need to split them.
      if (!key.includes("[")) {
        if (key !== "" && key !== "__proto__") slotAt(root, key).values.push(value);
        return;
      }
      place(root, splitKey(key, depth), value);
    },
    result() {
      const top: Record<string, unknown> = {};
      for (const [name, slot] of root.slots) top[name] = valueOf(slot);
      return top;
    },
  };
}

function place(root: Level, segments: KeySegment[], value: string): void {
  let level = root;
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i] as KeySegment;
    if (segment.kind === "proto") return;
    const last = i === segments.length - 1;
    let key: string | number;
    if (segment.kind === "key") {
      key = segment.name;
      level.positional = false;
    } else {
      // A `[]` with more below it is position 0, as qs merged it: `a[][b]=1&a[][c]=2` is one item.
      const index = segment.kind === "index" ? segment.index : last ? level.next : 0;
      if (index < level.next - 1) level.ascending = false;
      level.next = Math.max(level.next, index + 1);
      key = level === root ? String(index) : index;
    }
    const slot = slotAt(level, key);
    if (last) {
      slot.values.push(value);
      return;
    }
    slot.below ??= newLevel();
    level = slot.below;
  }
}

function slotAt(level: Level, key: string | number): Slot {
  let slot = level.slots.get(key);
  if (!slot) {
    slot = { values: [], below: undefined };
    level.slots.set(key, slot);
  }
  return slot;
}

function newLevel(): Level {
  return { slots: new Map(), positional: true, next: 0, ascending: true };
}

// Recursion is bounded: splitKey never returns more than depth + 2 segments.
function valueOf(slot: Slot): unknown {
  const { values, below } = slot;
  if (!below) return values.length === 1 ? values[0] : values;
  const nested = levelValue(below);
  if (values.length === 0) return nested;
  return Array.isArray(nested) ? [...values, ...nested] : [...values, nested];
}

function levelValue(level: Level): unknown[] | Record<string, unknown> {
  if (level.positional && level.slots.size > 0) {
    const indexes = [...level.slots.keys()] as number[];
    if (!level.ascending) indexes.sort((a, b) => a - b);
    return indexes.map((index) => valueOf(level.slots.get(index) as Slot));
  }
  const object: Record<string, unknown> = {};
  for (const [key, slot] of level.slots) object[key] = valueOf(slot);
  return object;
}
