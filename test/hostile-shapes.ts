/**
 * Request bodies shaped to make a parser spin (repeats, indexes, brackets, many parts), each
 * made to a given size in bytes, for tests that time parsing at server.body_limit.
 */
export interface HostileShape {
  name: string;
  contentType: string;
  make: (size: number) => string;
}

const FORM = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data; boundary=xyz";
const JSON_TYPE = "application/json";

/** `unit(i)` joined with `separator` until the text is about `size` bytes, not more. */
export function fill(size: number, unit: (i: number) => string, separator = "&"): string {
  const parts: string[] = [];
  for (let i = 0, length = 0; ; i += 1) {
    const part = unit(i);
    length += part.length + separator.length;
    if (length > size) break;
    parts.push(part);
  }
  return parts.join(separator);
}

const field = (i: number) =>
  `--xyz\r\nContent-Disposition: form-data; name="a[${i % 7}]"\r\n\r\n${i}\r\n`;

/** Shapes a parse accepts: they must be parsed in time linear in their size. */
export const HOSTILE_SHAPES: HostileShape[] = [
  { name: "one name repeated", contentType: FORM, make: (size) => fill(size, () => "a=1") },
  {
    name: "many indexed names",
    contentType: FORM,
    make: (size) => fill(size, (i) => `a[${i}]=1`),
  },
  {
    name: "many indexes in reverse",
    contentType: FORM,
    make: (size) => fill(size, (i) => `a[${99_999 - (i % 99_999)}]=1`),
  },
  { name: "many pushes", contentType: FORM, make: (size) => fill(size, () => "a[]=1") },
  {
    name: "many distinct names",
    contentType: FORM,
    make: (size) => fill(size, (i) => `k${i}=1`),
  },
  {
    name: "many multipart fields",
    contentType: MULTIPART,
    make: (size) => `${fill(size - 10, field, "")}--xyz--\r\n`,
  },
];

/** Shapes refused for their depth (server.depth_limit): the refusal must be as quick. */
export const TOO_DEEP_SHAPES: HostileShape[] = [
  {
    name: "deep brackets",
    contentType: FORM,
    make: (size) => `a${"[b]".repeat(Math.floor(size / 3) - 1)}=1`,
  },
  {
    name: "deep JSON arrays",
    contentType: JSON_TYPE,
    make: (size) => "[".repeat(size / 2 - 1) + "]".repeat(size / 2 - 1),
  },
  {
    name: "deep JSON objects",
    contentType: JSON_TYPE,
    make: (size) => `${'{"a":'.repeat(size / 6 - 1)}1${"}".repeat(size / 6 - 1)}`,
  },
];
