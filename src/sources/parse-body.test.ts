import { describe, expect, it } from "vitest";
import { HOSTILE_SHAPES, TOO_DEEP_SHAPES, type HostileShape } from "../../test/hostile-shapes.ts";
import { parseBody } from "./parse-body.ts";

/** The defaults of server.body_limit (1mb) and server.depth_limit (64); sources/ may not import config/. */
const LIMIT = 1024 ** 2;
const DEPTH = 64;

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";
const PARSED: HostileShape[] = [
  ...HOSTILE_SHAPES,
  {
    name: "an unclosed bracket run",
    contentType: FORM,
    make: (size) => `a${"[".repeat(size - 3)}=1`,
  },
];

/** CPU milliseconds `work` takes, after one run on a small body (a running server is warm). */
async function cpuMs(shape: HostileShape, work: (body: Buffer) => Promise<unknown>) {
  await work(Buffer.from(shape.make(10_000))).catch(() => undefined);
  const body = Buffer.from(shape.make(LIMIT));
  expect(body.length).toBeGreaterThan(LIMIT * 0.99);
  const before = process.cpuUsage();
  await work(body);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

// Tens of milliseconds on a quiet machine; the quadratic parse took 11 s for 120 KB.
describe("parseBody on hostile bodies of server.body_limit takes under a second of CPU", () => {
  it.each(PARSED.map((shape) => [shape.name, shape] as const))("%s", async (_name, shape) => {
    const parse = async (body: Buffer) => {
      expect(await parseBody(body, shape.contentType, DEPTH)).toBeTypeOf("object");
    };
    expect(await cpuMs(shape, parse)).toBeLessThan(1_000);
  });

  it.each(TOO_DEEP_SHAPES.map((shape) => [shape.name, shape] as const))(
    "%s, refused as body_too_deep",
    async (_name, shape) => {
      const refuse = (body: Buffer) =>
        expect(parseBody(body, shape.contentType, DEPTH)).rejects.toMatchObject({
          status: 400,
          code: "body_too_deep",
        });
      expect(await cpuMs(shape, refuse)).toBeLessThan(1_000);
    },
  );
});

describe("parseBody", () => {
  it("keeps a 200-lead amoCRM batch whole, in order", async () => {
    const text = Array.from(
      { length: 200 },
      (_, i) => `leads%5Bstatus%5D%5B${i}%5D%5Bid%5D=${1000 + i}`,
    ).join("&");
    const parsed = (await parseBody(Buffer.from(text), FORM, DEPTH)) as {
      leads: { status: { id: string }[] };
    };
    expect(parsed.leads.status.map((lead) => lead.id)).toEqual(
      Array.from({ length: 200 }, (_, i) => String(1000 + i)),
    );
  });

  const multipart = (name: string) =>
    `--xyz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nv\r\n--xyz--\r\n`;
  const brackets = (n: number) => `a${"[b]".repeat(n - 1)}`;
  const json = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
  // A string holding brackets, a quote and a backslash does not nest: the object and the arrays do.
  const withEscapes = (n: number) => `{"s":${JSON.stringify('[{"[\\')},"a":${json(n - 1)}}`;
  it.each<[string, string, string, boolean]>([
    ["JSON at the limit", JSON_TYPE, json(4), true],
    ["JSON one deeper", JSON_TYPE, json(5), false],
    ["JSON whose strings hold brackets", JSON_TYPE, withEscapes(4), true],
    ["JSON with brackets in strings, one deeper", JSON_TYPE, withEscapes(5), false],
    ["urlencoded at the limit", FORM, `${brackets(4)}=1`, true],
    ["urlencoded one deeper", FORM, `${brackets(5)}=1`, false],
    ["urlencoded repeated at the limit", FORM, `${brackets(3)}=1&${brackets(3)}=2`, true],
    ["urlencoded repeated one deeper", FORM, `${brackets(4)}=1&${brackets(4)}=2`, false],
    ["multipart at the limit", "multipart/form-data; boundary=xyz", multipart(brackets(4)), true],
    ["multipart one deeper", "multipart/form-data; boundary=xyz", multipart(brackets(5)), false],
  ])("%s (limit 4)", async (_name, contentType, text, accepted) => {
    const parsed = parseBody(Buffer.from(text), contentType, 4);
    if (accepted) await expect(parsed).resolves.toBeTypeOf("object");
    else
      await expect(parsed).rejects.toMatchObject({
        status: 400,
        code: "body_too_deep",
        message: "the body nests objects and arrays more than 4 deep (server.depth_limit)",
      });
  });

  it("drops __proto__ keys at any depth of a JSON body", async () => {
    const parsed = await parseBody(
      Buffer.from('{"__proto__":{"x":1},"a":[{"\\u005f_proto__":{"x":2},"b":1}]}'),
      JSON_TYPE,
      DEPTH,
    );
    expect(parsed).toEqual({ a: [{ b: 1 }] });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
});
