import type { BothelpSubscriber } from "./bothelp-subscriber.ts";

type PatchField = "name" | "firstName" | "lastName" | "email" | "phone" | "notes";

const PATCH_FIELDS: ReadonlyMap<string, PatchField> = new Map([
  ["/name", "name"],
  ["/firstName", "firstName"],
  ["/lastName", "lastName"],
  ["/email", "email"],
  ["/phone", "phone"],
  ["/notes", "notes"],
]);

const NOT_RECOGNIZED = "Patch instruction not recognized";

interface PatchOp {
  op: string;
  path: string;
  value?: unknown;
}

/**
 * Applies a `PATCH /v1/subscribers/{id}` JSON-Patch body (tags and person fields).
 * All or nothing: returns an error message and changes nothing when any op is invalid.
 */
export function patchSubscriber(subscriber: BothelpSubscriber, body: unknown): string | undefined {
  if (!Array.isArray(body)) return "Expected an array";
  const draft = structuredClone(subscriber);
  for (const item of body) {
    const op = readPatchOp(item);
    if (op === undefined) return NOT_RECOGNIZED;
    const error = applyPatchOp(draft, op);
    if (error !== undefined) return error;
  }
  Object.assign(subscriber, draft);
  return undefined;
}

/** Applies a `PATCH …/customFields` body: only `replace` with a string value. All or nothing. */
export function patchCustomFields(
  subscriber: BothelpSubscriber,
  body: unknown,
): string | undefined {
  if (!Array.isArray(body)) return "Expected an array";
  const changes: Record<string, string> = {};
  for (const item of body) {
    const op = readPatchOp(item);
    if (op?.op !== "replace" || !op.path.startsWith("/") || op.path.length < 2) {
      return NOT_RECOGNIZED;
    }
    if (typeof op.value !== "string") return `Value for ${op.path} must be a string`;
    changes[op.path.slice(1)] = op.value;
  }
  Object.assign(subscriber.customFields, changes);
  return undefined;
}

function readPatchOp(item: unknown): PatchOp | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return undefined;
  const { op, path, value } = item as Record<string, unknown>;
  if (typeof op !== "string" || typeof path !== "string") return undefined;
  return { op, path, value };
}

function applyPatchOp(subscriber: BothelpSubscriber, op: PatchOp): string | undefined {
  if (op.path === "/tags") return applyTagsOp(subscriber, op);
  const field = PATCH_FIELDS.get(op.path);
  if (field === undefined) return NOT_RECOGNIZED;
  if (op.op === "remove") {
    subscriber[field] = null;
    return undefined;
  }
  if (op.op !== "replace" && op.op !== "add") return NOT_RECOGNIZED;
  if (typeof op.value !== "string") return `Value for ${op.path} must be a string`;
  subscriber[field] = op.value;
  return undefined;
}

function applyTagsOp(subscriber: BothelpSubscriber, op: PatchOp): string | undefined {
  if (op.op !== "add" && op.op !== "remove") return NOT_RECOGNIZED;
  if (!Array.isArray(op.value) || !op.value.every((tag) => typeof tag === "string")) {
    return "Expected an array of strings for /tags";
  }
  const tags: string[] = op.value;
  if (op.op === "add") {
    subscriber.tags = [...new Set([...subscriber.tags, ...tags])];
  } else {
    subscriber.tags = subscriber.tags.filter((tag) => !tags.includes(tag));
  }
  return undefined;
}
