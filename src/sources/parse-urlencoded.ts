import { createPairNester } from "./create-pair-nester.ts";

/**
 * Parses `application/x-www-form-urlencoded` text (and query strings) with PHP-style bracket
 * nesting: amoCRM's `leads[status][0][id]` becomes `leads.status[0].id`. Names are split at `&`
 * and the first `=` (or a `]=`), `+` is a space, and a bad percent escape is kept as written.
 * Linear in the text: no parameter or array limit applies (the body size limit bounds the work),
 * so a 200-lead batch stays an array. `__proto__` keys are dropped; `constructor` and
 * `prototype` stay ordinary own keys. Names are split at most `depth` brackets deep; the rest of
 * a deeper name is one last key (and the result too deep for server.depth_limit).
 */
export function parseUrlencoded(
  text: string,
  options: { depth: number; charset?: string },
): Record<string, unknown> {
  const latin1 = options.charset?.toLowerCase() === "iso-8859-1";
  const nester = createPairNester(options.depth);
  for (const part of text.replace(/%5B/gi, "[").replace(/%5D/gi, "]").split("&")) {
    if (part === "") continue;
    const bracketEquals = part.indexOf("]=");
    const at = bracketEquals === -1 ? part.indexOf("=") : bracketEquals + 1;
    if (at === -1) nester.add(decode(part, latin1), "");
    else nester.add(decode(part.slice(0, at), latin1), decode(part.slice(at + 1), latin1));
  }
  return nester.result();
}

function decode(text: string, latin1: boolean): string {
  const spaced = text.includes("+") ? text.replaceAll("+", " ") : text;
  if (!spaced.includes("%")) return spaced;
  if (latin1)
    return spaced.replace(/%[0-9a-f]{2}/gi, (escape) =>
      String.fromCharCode(Number.parseInt(escape.slice(1), 16)),
    );
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
