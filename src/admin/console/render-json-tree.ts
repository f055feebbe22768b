import { html, type Html } from "./html.ts";

const OPEN_DEPTH = 4;

/**
 * A parsed body as a tree that folds: objects and lists are <details> (open near the top),
 * values are text. No JavaScript needed; every value is escaped.
 */
export function renderJsonTree(value: unknown): Html {
  return html`<div class="tree">${node(value, 0)}</div>`;
}

function node(value: unknown, depth: number): Html {
  if (value === null || typeof value !== "object")
    return html`<span>${value === undefined ? "undefined" : JSON.stringify(value)}</span>`;
  const list = Array.isArray(value);
  const entries: [string, unknown][] = list
    ? value.map((v, i): [string, unknown] => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return html`<span>${list ? "[]" : "{}"}</span>`;
  return html`<details${depth < OPEN_DEPTH ? html` open` : ""}><summary>${list ? "[…]" : "{…}"} ${entries.length}</summary>${entries.map(
    ([key, child]) => html`<div><span class="key">${key}</span>: ${node(child, depth + 1)}</div>`,
  )}</details>`;
}
