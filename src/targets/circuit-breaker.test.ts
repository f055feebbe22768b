import { describe, expect, it } from "vitest";
import { createCircuitBreaker, type CircuitBreaker } from "./circuit-breaker.ts";

/** One call on the breaker at a given time (ms), and what it answers. */
type Step =
  | ["allow", number, boolean]
  | ["pausedFor", number, number]
  | ["failed", number, number | undefined]
  | ["succeeded"]
  | ["settled"]
  | ["pause", number]
  | ["reset"]
  | ["sync", number, Record<string, number>];

function run(breaker: CircuitBreaker, target: string, step: Step): unknown {
  switch (step[0]) {
    case "allow":
      return breaker.allow(target, step[1]);
    case "pausedFor":
      return breaker.pausedFor(target, step[1]);
    case "failed":
      return breaker.failed(target, step[1]);
    case "succeeded":
      breaker.succeeded(target);
      return undefined;
    case "settled":
      breaker.settled(target);
      return undefined;
    case "pause":
      breaker.pause(target, step[1]);
      return undefined;
    case "reset":
      breaker.reset(target);
      return undefined;
    case "sync":
      breaker.sync(new Map(Object.entries(step[2])), step[1], breaker.version());
      return undefined;
  }
}

/** What each step is expected to answer (undefined for the ones that answer nothing). */
function expected(step: Step): unknown {
  return step[0] === "allow" || step[0] === "pausedFor" || step[0] === "failed"
    ? step[2]
    : undefined;
}

const trip: Step[] = [
  ["failed", 0, undefined],
  ["failed", 0, undefined],
  ["failed", 0, 10_000],
];

describe("createCircuitBreaker (3 failures, 10 s cool-down)", () => {
  it.each<[string, Step[]]>([
    [
      "a target never failed is allowed",
      [
        ["allow", 0, true],
        ["pausedFor", 0, 0],
      ],
    ],
    [
      "trips on the third failure in a row and pauses from then",
      [
        ["failed", 0, undefined],
        ["failed", 1000, undefined],
        ["failed", 2000, 12_000],
        ["allow", 2000, false],
        ["pausedFor", 5000, 7000],
        ["allow", 11_999, false],
      ],
    ],
    [
      "a success starts the count again",
      [
        ["failed", 0, undefined],
        ["failed", 0, undefined],
        ["succeeded"],
        ["failed", 0, undefined],
        ["failed", 0, undefined],
        ["allow", 0, true],
      ],
    ],
    [
      "after the cool-down one probe goes and the others wait for it",
      [...trip, ["allow", 10_000, true], ["allow", 10_000, false], ["pausedFor", 10_000, 0]],
    ],
    [
      "a probe that succeeds closes the breaker",
      [
        ...trip,
        ["allow", 10_000, true],
        ["succeeded"],
        ["allow", 10_000, true],
        ["allow", 10_000, true],
      ],
    ],
    [
      "a probe that fails pauses again at once, from its failure",
      [
        ...trip,
        ["allow", 10_000, true],
        ["failed", 10_500, 20_500],
        ["allow", 20_499, false],
        ["allow", 20_500, true],
      ],
    ],
    [
      "a probe that sent nothing lets the next one go",
      [...trip, ["allow", 10_000, true], ["settled"], ["allow", 10_000, true]],
    ],
    [
      "a pause (a 429's Retry-After) holds calls without tripping",
      [
        ["pause", 5000],
        ["allow", 4999, false],
        ["pausedFor", 1000, 4000],
        ["allow", 5000, true],
        ["allow", 5000, true],
      ],
    ],
    [
      "a pause never shortens a longer one",
      [
        ["pause", 5000],
        ["pause", 3000],
        ["pausedFor", 0, 5000],
      ],
    ],
    [
      "a pause past the cool-down holds the probe too",
      [
        ...trip,
        ["pause", 30_000],
        ["allow", 10_000, false],
        ["allow", 30_000, true],
        ["allow", 30_000, false],
      ],
    ],
    [
      "an operator's resume closes a tripped breaker at once",
      [...trip, ["allow", 1000, false], ["reset"], ["allow", 1000, true], ["allow", 1000, true]],
    ],
    [
      "a pause recorded in the store holds",
      [
        ["sync", 0, { crm: 50_000 }],
        ["allow", 20_000, false],
        ["allow", 50_000, true],
      ],
    ],
    [
      "a pause the store no longer has (resumed on another instance) ends at the next sync",
      [
        ["pause", 1_000_000],
        ["sync", 10, { crm: 1_000_000 }],
        ["allow", 20, false],
        ["sync", 30, {}],
        ["allow", 40, true],
      ],
    ],
  ])("%s", (_name, steps) => {
    const breaker = createCircuitBreaker({ failures: 3, coolDown: 10_000 });
    expect(steps.map((step) => run(breaker, "crm", step))).toEqual(steps.map(expected));
  });

  it("ignores pauses read before a reset (an operator resumed while the store was read)", () => {
    const breaker = createCircuitBreaker({ failures: 3, coolDown: 10_000 });
    const version = breaker.version();
    breaker.reset("crm");
    breaker.sync(new Map([["crm", 50_000]]), 0, version);
    expect(breaker.allow("crm", 10)).toBe(true);
    expect(breaker.anyPaused(10)).toBe(false);
    breaker.pause("crm", 20);
    expect([breaker.anyPaused(10), breaker.anyPaused(20)]).toEqual([true, false]);
  });

  it.each<[string, (b: ReturnType<typeof createCircuitBreaker>) => void]>([
    ["tripped by failures", (b) => [1, 2, 3].forEach(() => b.failed("crm", 0))],
    ["paused for a 429", (b) => b.pause("crm", 60_000)],
  ])(
    "keeps a pause %s that reads of the store have not found yet, ends it once one had",
    (_, setPause) => {
      const breaker = createCircuitBreaker({ failures: 3, coolDown: 10_000 });
      setPause(breaker);
      breaker.sync(new Map(), 5, breaker.version()); // its write is still on its way
      expect(breaker.pausedFor("crm", 5)).toBeGreaterThan(0);
      breaker.sync(new Map([["crm", 60_000]]), 6, breaker.version()); // stored
      breaker.sync(new Map(), 7, breaker.version()); // resumed by another instance
      expect(breaker.pausedFor("crm", 7)).toBe(0);
      expect(breaker.allow("crm", 7)).toBe(true);
    },
  );

  it("keeps targets apart", () => {
    const breaker = createCircuitBreaker({ failures: 3, coolDown: 10_000 });
    for (const step of trip) run(breaker, "crm", step);
    expect([breaker.allow("crm", 0), breaker.allow("bothelp", 0)]).toEqual([false, true]);
  });
});
