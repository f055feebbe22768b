import { textEn, type ConsoleText } from "./text-en.ts";
import { textRu } from "./text-ru.ts";

export type Language = "ru" | "en";

/** The console's texts in a language. */
export function textOf(language: Language): ConsoleText {
  return language === "ru" ? textRu : textEn;
}

/**
 * The language a request is answered in: the `lang` cookie (the switch) first, then the first
 * of Russian or English in Accept-Language by its weight; English when neither says.
 */
export function pickLanguage(
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): Language {
  if (cookie === "ru" || cookie === "en") return cookie;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { base: tag.split("-")[0], q: q === undefined ? 1 : Number(q), order };
    })
    .filter((l) => (l.base === "ru" || l.base === "en") && l.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.base === "ru" ? "ru" : "en";
}
