/**
 * The bodies a batch of entities becomes, one per entity: a body of entities, each holding
 * actions that hold lists of objects (amoCRM's `leads[status][0]`, `leads[status][1]`,
 * `contacts[update][0]`) gives one body per list item, shaped as if that item had come alone,
 * `{leads: {status: [item]}}`, with the body's other keys (`account`, a Digital Pipeline's
 * `params`) beside it, in the body's key order. Items come entity by entity, action by action,
 * in list order. A body with no such list, or with one item in all, is given back as it is.
 */
export function splitEntities(body: unknown): unknown[] {
  if (!isRecord(body)) return [body];
  const items: { entity: string; action: string; item: unknown }[] = [];
  const entities = new Set<string>();
  for (const [entity, actions] of Object.entries(body)) {
    if (!isRecord(actions)) continue;
    for (const [action, list] of Object.entries(actions)) {
      if (!isList(list)) continue;
      entities.add(entity);
      for (const item of list) items.push({ entity, action, item });
    }
  }
  if (items.length <= 1) return [body];
  return items.map(({ entity, action, item }) => {
    const one: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      if (key === entity) one[key] = { ...withoutLists(value), [action]: [item] };
      else if (!entities.has(key)) one[key] = value;
    }
    return one;
  });
}

/** An entity's keys that hold no list (kept with each of its items). */
function withoutLists(value: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value as object).filter(([, v]) => !isList(v)));
}

/** A list of entities: objects (a list of plain values, such as a DP widget's params, is not). */
function isList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(isRecord);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
