import { z } from "zod";
import { durationSchema } from "../core/duration-schema.ts";
import type { SourcePreset } from "./presets/source-preset.ts";
import { sourceSettingsSchema } from "./source-settings-schema.ts";

/**
 * A source. The presets it may name are the declarations passed in, by name and then by alias
 * (in the order given), so a preset is declared in one place and the schema follows it.
 */
export function createSourceSchema(presets: readonly Pick<SourcePreset, "name" | "aliases">[]) {
  const names = [...presets.map((p) => p.name), ...presets.flatMap((p) => p.aliases ?? [])];
  return z
    .strictObject({
      description: z
        .string()
        .optional()
        .meta({
          description: "A note for people reading the file.",
          examples: ["Tilda lead forms"],
        }),
      preset: z
        .enum(names)
        .optional()
        .meta({
          description:
            "A sender's defaults (verification, parsing, dedupe key, ping answer); every one can be overridden here. See docs/sources.md.",
          examples: ["tilda"],
        }),
      ...sourceSettingsSchema.shape,
      dedupe_window: durationSchema
        .prefault("24h")
        .meta({ description: "How long a dedupe key is remembered.", examples: ["7d"] }),
      samples: z
        .array(z.string().min(1))
        .optional()
        .meta({
          description:
            "Files holding real request bodies this source gets (paths relative to routes.yaml; a FILE.headers beside one may give its Content-Type line, else JSON or a form is told from the text). botbridge check runs every route of the source on them and warns where a path into body finds nothing; nothing else reads them.",
          examples: [["samples/tilda-form.txt"]],
        }),
    })
    .meta({ description: "An inbound endpoint, POST /hooks/<name>." });
}

export type SourceSchema = ReturnType<typeof createSourceSchema>;
export type SourceConfig = z.output<SourceSchema>;
