import { z } from "zod";
import { timeZoneSchema } from "../core/time-zone-schema.ts";

export const templatesSchema = z
  .strictObject({
    default_country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, { error: "expected a two-letter country code such as RU" })
      .default("RU")
      .meta({
        description: "Country for $phone numbers written without a country code.",
        examples: ["KZ"],
      }),
    timezone: timeZoneSchema.default("UTC").meta({
      description: "Time zone $time formats in when none is given.",
      examples: ["Europe/Moscow"],
    }),
  })
  .meta({ description: "Template helpers' defaults." });
