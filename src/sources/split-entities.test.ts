import { describe, expect, it } from "vitest";
import { splitEntities } from "./split-entities.ts";

const account = { subdomain: "examplecorp", id: "1" };
const lead = (id: string) => ({ id, status_id: "5" });

describe("splitEntities makes one body per entity, each shaped as if it had come alone", () => {
  it.each<[string, unknown, unknown[]]>([
    [
      "two leads of one status change",
      { account, leads: { status: [lead("1"), lead("2")] } },
      [
        { account, leads: { status: [lead("1")] } },
        { account, leads: { status: [lead("2")] } },
      ],
    ],
    [
      "leads added and updated, and a contact, in body order",
      {
        leads: { add: [lead("1")], update: [lead("2"), lead("3")] },
        contacts: { update: [{ id: "9" }] },
        account,
      },
      [
        { leads: { add: [lead("1")] }, account },
        { leads: { update: [lead("2")] }, account },
        { leads: { update: [lead("3")] }, account },
        { contacts: { update: [{ id: "9" }] }, account },
      ],
    ],
    [
      "deleted leads (ids only)",
      { leads: { delete: [{ id: "1" }, { id: "2" }] }, account },
      [
        { leads: { delete: [{ id: "1" }] }, account },
        { leads: { delete: [{ id: "2" }] }, account },
      ],
    ],
    [
      "a Digital Pipeline's params are kept with each, a list of plain values is no entity",
      { leads: { status: [lead("1"), lead("2")] }, account, params: { tags: ["a", "b"] } },
      [
        { leads: { status: [lead("1")] }, account, params: { tags: ["a", "b"] } },
        { leads: { status: [lead("2")] }, account, params: { tags: ["a", "b"] } },
      ],
    ],
    [
      "an entity's keys that hold no list stay with each of its items",
      { leads: { status: [lead("1"), lead("2")], note: "x" } },
      [
        { leads: { note: "x", status: [lead("1")] } },
        { leads: { note: "x", status: [lead("2")] } },
      ],
    ],
  ])("%s", (_name, body, bodies) => {
    const split = splitEntities(body);
    expect(split).toEqual(bodies);
    for (const [i, one] of split.entries())
      expect(Object.keys(one as object)).toEqual(Object.keys(bodies[i] as object));
  });

  it.each<[string, unknown]>([
    ["one lead", { account, leads: { status: [lead("1")] } }],
    ["no lists at all", { a: 1, b: { c: 2 } }],
    ["an array", [1, 2]],
    ["text", "leads=1"],
    ["nothing", undefined],
    ["an empty list", { leads: { status: [] } }],
  ])("gives back as it is: %s", (_name, body) => {
    const split = splitEntities(body);
    expect(split).toHaveLength(1);
    expect(split[0]).toBe(body);
  });
});
