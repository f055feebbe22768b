/** How a signature (or Basic credentials) is written on the wire. */
export type SignatureEncoding = "hex" | "base64" | "base64url";

const SPELLING: Record<SignatureEncoding, RegExp> = {
  hex: /^(?:[0-9a-fA-F]{2})+$/,
  base64: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/,
  base64url: /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}(?:==)?|[A-Za-z0-9_-]{3}=?)?$/,
};

/**
 * The bytes `text` spells in `encoding`, or undefined unless all of it is exactly that: Node's
 * own decoders stop at the first stray character (`<hex>zz`) or skip it (`!!<base64>`), so a
 * changed signature would still match. Also refused: an odd number of hex digits, the other
 * base64 alphabet, misplaced padding, and unused low bits that are set (a second spelling of the
 * same bytes). Hex may be upper or lower case; base64 padding may be left out.
 */
export function decodeStrictly(text: string, encoding: SignatureEncoding): Buffer | undefined {
  if (text === "" || !SPELLING[encoding].test(text)) return undefined;
  const bytes = Buffer.from(text, encoding);
  const canonical = bytes.toString(encoding);
  if (encoding === "hex") return canonical === text.toLowerCase() ? bytes : undefined;
  return canonical.replace(/=+$/, "") === text.replace(/=+$/, "") ? bytes : undefined;
}
