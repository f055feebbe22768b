import { describe, expect, it } from "vitest";
import { HOSTILE_SHAPES, type HostileShape } from "../../test/hostile-shapes.ts";
import { parseBody } from "./parse-body.ts";

const LIMIT = 1024 * 1024; // server.body_limit's default

const FORM = "application/x-www-form-urlencoded";

const SHAPES: HostileShape[] = [
  ...HOSTILE_SHAPES,
  { name: "deep brackets", contentType: FORM, make: (size) => `a${"[b]".repeat(size / 3 - 1)}=1` },
  {
    name: "an unclosed bracket run",
    contentType: FORM,
    make: (size) => `a${"[".repeat(size - 3)}=1`,
  },
];

describe("parseBody on hostile bodies of server.body_limit", () => {
  it.each(SHAPES.map((shape) => [shape.name, shape] as const))(
    "%s: under a second of CPU",
    async (_name, { contentType, make }) => {
      await parseBody(Buffer.from(make(10_000)), contentType); // warm up, as a running server is
      const body = Buffer.from(make(LIMIT));
      expect(body.length).toBeGreaterThan(LIMIT * 0.99);
      const before = process.cpuUsage();
      await parseBody(body, contentType);
      const used = process.cpuUsage(before);
      // Tens of milliseconds on a quiet machine; the quadratic parse took 11 s for 120 KB.
      expect((used.user + used.system) / 1000).toBeLessThan(1_000);
    },
  );

  it("keeps a 200-lead amoCRM batch whole, in order", async () => {
    const text = Array.from(
      { length: 200 },
      (_, i) => `leads%5Bstatus%5D%5B${i}%5D%5Bid%5D=${1000 + i}`,
    ).join("&");
    const parsed = (await parseBody(Buffer.from(text), FORM)) as {
      leads: { status: { id: string }[] };
    };
    expect(parsed.leads.status.map((lead) => lead.id)).toEqual(
      Array.from({ length: 200 }, (_, i) => String(1000 + i)),
    );
  });
});
