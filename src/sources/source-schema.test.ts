import { describe, expect, it } from "vitest";
import { issueMessage } from "../core/issue-message.ts";
import { PRESETS } from "./presets/presets.ts";
import { createSourceSchema } from "./source-schema.ts";

describe("createSourceSchema takes its preset names from the declarations passed in", () => {
  const schema = createSourceSchema([{ name: "forms", aliases: ["webforms"] }, { name: "crm" }]);
  const preset = (name: unknown) => {
    const parsed = schema.safeParse({ preset: name }, { error: issueMessage });
    return parsed.success ? "ok" : parsed.error.issues.map((i) => i.message).join("; ");
  };

  it.each<[string, unknown, string]>([
    ["a name", "forms", "ok"],
    ["another name", "crm", "ok"],
    ["an alias", "webforms", "ok"],
    ["a typo", "frms", 'expected "forms" | "crm" | "webforms"; did you mean "forms"?'],
    ["a preset not passed in", "tilda", 'expected "forms" | "crm" | "webforms"'],
  ])("%s: %j", (_name, name, outcome) => {
    expect(preset(name)).toBe(outcome);
  });

  it.each(PRESETS.flatMap((p) => [p.name, ...(p.aliases ?? [])]))(
    "the shipped presets: %s is accepted",
    (name) => {
      expect(createSourceSchema(PRESETS).safeParse({ preset: name }).success).toBe(true);
    },
  );
});
