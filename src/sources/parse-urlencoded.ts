import qs from "qs";

/**
 * Parses `application/x-www-form-urlencoded` text (and query strings) with PHP-style bracket
 * nesting: amoCRM's `leads[status][0][id]` becomes `leads.status[0].id`. No parameter or array
 * limit applies (the body size limit bounds the work), so a 200-lead batch stays an array.
 * `__proto__` keys are dropped; `constructor` and `prototype` stay ordinary own keys.
 */
export function parseUrlencoded(text: string, charset = "utf-8"): Record<string, unknown> {
  return qs.parse(text, {
    depth: 32,
    arrayLimit: 100_000,
    parameterLimit: Infinity,
    allowPrototypes: true,
    allowDots: false,
    charset: charset.toLowerCase() === "iso-8859-1" ? "iso-8859-1" : "utf-8",
  });
}
