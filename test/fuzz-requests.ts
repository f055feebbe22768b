import { gzipSync, deflateSync } from "node:zlib";

/** A request the fuzz test sends: everything a hostile client controls. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A seeded pseudo-random source (mulberry32): the same seed gives the same requests. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

type Random = ReturnType<typeof createRandom>;

const SOURCES = ["open", "token", "signed", "basic", "tilda", "amocrm", "nope", "%ff", "..%2f"];
const METHODS = ["POST", "POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH", "OPTIONS"];
const TYPES = [
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=XyZ",
  "multipart/form-data",
  "text/plain",
  "application/xml",
  "application/json; charset=utf-16",
  'application/json; charset="unclosed',
  "",
];
const ENCODINGS = ["", "", "", "gzip", "deflate", "br", "identity", "x-unknown", "gzip, gzip"];

/** A JSON value of random shape, sometimes nested far deeper than any sender would. */
function randomJson(random: Random, depth: number): unknown {
  if (random.int(200) === 0) return "[".repeat(5_000 + random.int(20_000));
  if (depth > 6 || random.int(4) === 0) {
    return random.pick<unknown>([
      random.int(1e9),
      -random.next(),
      "Anna\r\nPetrova\u0000",
      "+7 (912) 345-67-89",
      "x".repeat(random.int(3_000)),
      null,
      true,
      "__proto__",
    ]);
  }
  if (random.int(2) === 0)
    return Array.from({ length: random.int(8) }, () => randomJson(random, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = random.int(8); i > 0; i -= 1) {
    object[
      random.pick(["a", "b", "__proto__", "constructor", "leads", "Email", `k${random.int(99)}`])
    ] = randomJson(random, depth + 1);
  }
  return object;
}

function randomJsonBody(random: Random): Buffer {
  const text =
    random.int(10) === 0
      ? `${"[".repeat(4_000 + random.int(6_000))}${"]".repeat(random.int(2) ? 4_000 : 0)}`
      : JSON.stringify(randomJson(random, 0));
  return Buffer.from(random.int(8) === 0 ? text.slice(0, random.int(text.length + 1)) : text);
}

function randomFormBody(random: Random): Buffer {
  const key = random.pick([
    "a",
    "a[]",
    "a[0]",
    "leads[status][0][id]",
    "a[b][c][d][e][f]",
    "__proto__[x]",
  ]);
  const pairs = Array.from(
    { length: random.int(3) ? random.int(50) : 20_000 + random.int(20_000) },
    (_, i) =>
      random.int(2) ? `${key}=${i}` : `${key.replace("0", String(i))}=%E0%A4%A${random.int(9)}`,
  );
  return Buffer.from(pairs.join("&"));
}

function randomMultipartBody(random: Random): Buffer {
  const parts = Array.from({ length: random.int(3) ? random.int(5) : 3_000 }, (_, i) =>
    random.int(3)
      ? `--XyZ\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nvalue ${i}\r\n`
      : `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\n${"z".repeat(random.int(2_000))}\r\n`,
  );
  const whole = `${parts.join("")}--XyZ--\r\n`;
  return Buffer.from(random.int(3) ? whole : whole.slice(0, random.int(whole.length)));
}

function randomBytes(random: Random): Buffer {
  return Buffer.from(Array.from({ length: random.int(2_000) }, () => random.int(256)));
}

function encode(body: Buffer, encoding: string, random: Random): Buffer {
  if (encoding === "gzip") return random.int(3) ? gzipSync(body) : gzipSync(body).subarray(0, 12);
  if (encoding === "deflate") return random.int(3) ? deflateSync(body) : randomBytes(random);
  return body;
}

/** One random request against the fuzz server's sources. */
export function randomRequest(random: Random): FuzzRequest {
  const type = random.pick(TYPES);
  const raw = type.startsWith("application/json")
    ? randomJsonBody(random)
    : type.startsWith("application/x-www")
      ? randomFormBody(random)
      : type.startsWith("multipart")
        ? randomMultipartBody(random)
        : randomBytes(random);
  const encoding = random.pick(ENCODINGS);
  const headers: Record<string, string> = {};
  if (type !== "") headers["content-type"] = type;
  if (encoding !== "") headers["content-encoding"] = encoding;
  if (random.int(3) === 0)
    headers["x-signature"] = random.pick(["sha256=zz", "", "!!AAAA", "a".repeat(64)]);
  if (random.int(4) === 0)
    headers.authorization = random.pick(["Basic !!!", "Basic dTpw", "Bearer x", "Basic"]);
  if (random.int(5) === 0) headers[`x-fuzz-${random.int(9)}`] = "v".repeat(random.int(4_000));
  const query =
    random.int(3) === 0 ? `?token=${random.pick(["secret-token", "x", "%ff", "a&a&a"])}` : "";
  return {
    method: random.pick(METHODS),
    path: `/hooks/${random.pick(SOURCES)}${query}`,
    headers,
    body: encode(raw, encoding, random),
  };
}

/** Raw HTTP that Node's parser refuses before any route runs. */
export const MALFORMED_HTTP = [
  "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
  "BREW /hooks/open HTTP/1.1\r\nHost: x\r\n\r\n",
  "POST /hooks/open HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
  "POST /hooks/open HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
  "POST /hooks/open HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n",
  "\u0000\u0001\u0002 nonsense\r\n\r\n",
];
