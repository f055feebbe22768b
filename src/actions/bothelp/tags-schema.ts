import { z } from "zod";

/** Tags as a list, or as one comma-separated string (as forms and CRMs send them). */
export const tagsSchema = z
  .union([z.array(z.string()), z.string()])
  .meta({ description: 'Tags: a list, or a comma-separated string such as "paid, vip".' });

/** The tags, trimmed, without empty ones or repeats. */
export function parseTags(tags: string | string[]): string[] {
  const list = typeof tags === "string" ? tags.split(",") : tags;
  return [...new Set(list.map((tag) => tag.trim()).filter((tag) => tag !== ""))];
}
