import { z } from "zod";

/** One secret, or several accepted at once while a secret is being rotated. */
export const secretListSchema = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .meta({
    description:
      'The secret, usually "${VAR}" from the environment; a list accepts any of several (rotation).',
  });

export function secretList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}
