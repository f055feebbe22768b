import { describe, expect, it } from "vitest";
import { createActions } from "./actions.ts";
import { renderActionsDoc } from "./render-actions-doc.ts";

const doc = renderActionsDoc(createActions());

describe("docs/actions.md documents what an action's object params take", () => {
  it.each<[string, string]>([
    [
      "on_multiple, its values and default",
      '| `on_multiple` | `"all"` \\| `"first"` \\| `"fail"` | `"all"` |',
    ],
    [
      "on_missing, its values and default",
      '| `on_missing` | `"fail"` \\| `"skip"` \\| `"wait"` | `"fail"` |',
    ],
    ["wait_for and its default", '| `wait_for` | number \\| string | `"7d"` |'],
    ["what skip does", "skip passes over this action"],
    [
      "what wait does",
      "wait looks again on the retry schedule, using up no attempts, for up to wait_for",
    ],
    [
      "the subscriber fields once, then a link",
      "`subscriber` has the fields shown under [bothelp.add_tags](#bothelpadd_tags).",
    ],
    ["Metabot's lead_id is a bot user, not a CRM lead", "not a CRM's lead or deal id"],
  ])("%s", (_name, text) => {
    expect(doc).toContain(text);
  });

  it("shows the subscriber fields table once", () => {
    expect(doc.match(/`subscriber` fields:/g)).toHaveLength(1);
  });
});
