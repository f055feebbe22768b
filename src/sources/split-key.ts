/** One step of a bracket key: `a[b][0][]` is key a, key b, index 0, push. */
export type KeySegment =
  | { kind: "key"; name: string }
  | { kind: "index"; index: number }
  | { kind: "push" }
  | { kind: "proto" };

/** Bracket indexes from here on are object keys, not array positions (as in qs). */
export const ARRAY_INDEX_LIMIT = 100_000;

/**
 * Splits a decoded form field name the way qs does, in one pass: the text before the first `[`,
 * then each balanced `[...]` group (text between groups is dropped). After `depth` groups, or at
 * a group that never closes, the rest of the name is one last literal key, so the work and the
 * result stay bounded whatever the name.
 */
export function splitKey(key: string, depth: number): KeySegment[] {
  const segments: KeySegment[] = [];
  const first = key.indexOf("[");
  const parent = first === -1 ? key : key.slice(0, first);
  if (parent !== "") segments.push(segmentOf(parent, false));
  let open = first;
  let groups = 0;
  while (open !== -1 && groups < depth) {
    const close = closingBracket(key, open);
    if (close === -1) break;
    segments.push(segmentOf(key.slice(open + 1, close), true));
    groups += 1;
    open = key.indexOf("[", close + 1);
  }
  if (open !== -1) segments.push(segmentOf(key.slice(open), true));
  return segments;
}

/** Where the group opened at `open` closes, counting nested brackets; -1 if it never does. */
function closingBracket(key: string, open: number): number {
  let level = 0;
  for (let i = open; i < key.length; i += 1) {
    const c = key.charCodeAt(i);
    if (c === 0x5b) level += 1;
    else if (c === 0x5d && --level === 0) return i;
  }
  return -1;
}

const PROTO: KeySegment = { kind: "proto" };
const PUSH: KeySegment = { kind: "push" };

function segmentOf(name: string, bracketed: boolean): KeySegment {
  if (name === "__proto__") return PROTO;
  if (!bracketed) return { kind: "key", name };
  if (name === "") return PUSH;
  if (/^(0|[1-9]\d{0,5})$/.test(name) && Number(name) < ARRAY_INDEX_LIMIT)
    return { kind: "index", index: Number(name) };
  return { kind: "key", name };
}
