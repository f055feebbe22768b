import { describe, expect, it } from "vitest";
import { HttpError } from "../core/http-error.ts";
import { parseMultipart } from "./parse-multipart.ts";

const TYPE = "multipart/form-data; boundary=xyz";
const FILE_HEAD = '--xyz\r\nContent-Disposition: form-data; name="f"; filename="x.txt"\r\n\r\n';
const FIELD_HEAD = '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n';

describe("parseMultipart", () => {
  it.each<[string, string, string, string]>([
    ["a file part cut off", TYPE, `${FILE_HEAD}abc`, "Unexpected end of form"],
    ["a file part cut off in its headers", TYPE, FILE_HEAD.slice(0, -4), "Unexpected end of form"],
    ["a field cut off", TYPE, `${FIELD_HEAD}abc`, "Unexpected end of form"],
    ["no boundary", "multipart/form-data", `${FIELD_HEAD}abc\r\n--xyz--`, "Boundary not found"],
    [
      "a part header without a colon",
      TYPE,
      "--xyz\r\nContent-Disposition form-data\r\n\r\nabc\r\n--xyz--",
      "Malformed part header",
    ],
    [
      "a part header over 80 KB",
      TYPE,
      `--xyz\r\nX: ${"a".repeat(100_000)}\r\n\r\nabc\r\n--xyz--`,
      "Malformed part header",
    ],
    ["no part at all", TYPE, "garbage", "Unexpected end of form"],
    [
      "a file part, then the form cut off",
      TYPE,
      `${FILE_HEAD}abc\r\n${FIELD_HEAD}de`,
      "Unexpected end of form",
    ],
  ])("refuses %s with 400 invalid_body", async (_name, contentType, body, reason) => {
    const parsed = parseMultipart(Buffer.from(body), contentType, 64);
    await expect(parsed).rejects.toBeInstanceOf(HttpError);
    await expect(parsed).rejects.toMatchObject({
      status: 400,
      code: "invalid_body",
      message: expect.stringContaining(reason) as string,
    });
  });

  it("describes a whole file part and reads the fields after it", async () => {
    const body = `${FILE_HEAD}abc\r\n${FIELD_HEAD}de\r\n--xyz--\r\n`;
    expect(await parseMultipart(Buffer.from(body), TYPE, 64)).toEqual({
      f: { filename: "x.txt", mime_type: "text/plain", size: 3 },
      a: "de",
    });
  });
});
