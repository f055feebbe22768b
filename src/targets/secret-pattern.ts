/** JSON's short escapes: the letter after the backslash. */
const SHORT_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  "\b": "b",
  "\f": "f",
  "\n": "n",
  "\r": "r",
  "\t": "t",
};

/**
 * A pattern that finds a secret however it was written on the wire: as is; percent-encoded in
 * full or in part (URL, form encoding, either hex case, encoded twice as `%2540`, `+` for a space
 * or a space for a `+`); or as a JSON string (`\"`, `\\`, `\/`, `\u0040`), also one escaped again
 * (a JSON text logged inside JSON). Each character has alternatives that start differently (a `%`
 * of the secret is matched atomically), so matching never backtracks far: linear in the text.
 */
export function secretPattern(secret: string): RegExp {
  // code points: a character outside the BMP is one UTF-8 sequence and one `\u` pair
  const chars = Array.from(secret);
  let group = 0;
  const percent = chars.map((c) => {
    const pattern = percentChar(c);
    if (c !== "%") return pattern;
    group += 1;
    return `(?=(${pattern}))\\${group}`;
  });
  const forms = new Set([
    escapeRegExp(secret),
    percent.join(""),
    chars.map((c) => jsonChar(c, 1)).join(""),
    chars.map((c) => jsonChar(c, 2)).join(""),
  ]);
  return new RegExp([...forms].map((f) => `(?:${f})`).join("|"), "g");
}

/**
 * The stretches of base64 (and base64url) text that only the secret's bytes decide, one per
 * position of the secret among base64's 3-byte groups: whatever precedes it (`user:` in Basic
 * auth) or follows it, base64 of a text holding the secret holds one of these. Too short ones
 * (under 4 characters) are left out: they would match unrelated text.
 */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const cores = new Set<string>();
  for (const start of [0, 1, 2]) {
    const whole = Math.floor((bytes.length - start) / 3) * 3;
    if (whole < 3) continue;
    const core = bytes.subarray(start, start + whole).toString("base64");
    cores.add(core);
    cores.add(core.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return [...cores];
}

/** One character as is or percent-encoded (longest first, for the atomic `%`). */
function percentChar(char: string): string {
  const bytes = [...Buffer.from(char, "utf8")];
  const alternatives = [bytes.map((b) => `%(?:25)?${hexClass(b, 2)}`).join(""), escapeRegExp(char)];
  if (char === " ") alternatives.push("\\+");
  if (char === "+") alternatives.push(" ");
  return `(?:${alternatives.join("|")})`;
}

/** One character inside a JSON string, escaped once (depth 1) or twice (depth 2). */
function jsonChar(char: string, depth: 1 | 2): string {
  const short = SHORT_ESCAPES[char];
  const once = char === '"' || char === "\\" || char < " " ? [] : [char];
  if (short !== undefined) once.push(`\\${short}`);
  const forms = once.map((f) => escapeRegExp(depth === 1 ? f : JSON.stringify(f).slice(1, -1)));
  const units = Array.from({ length: char.length }, (_, i) => char.charCodeAt(i));
  const backslashes = depth === 1 ? "\\\\" : "\\\\\\\\";
  forms.push(units.map((u) => `${backslashes}u${hexClass(u, 4)}`).join(""));
  return `(?:${forms.join("|")})`;
}

/** `0x2f` as `2[fF]`: hex digits in either case. */
function hexClass(value: number, width: number): string {
  return Array.from(value.toString(16).padStart(width, "0"))
    .map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d))
    .join("");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
