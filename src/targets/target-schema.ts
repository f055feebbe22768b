import { z } from "zod";
import { bothelpTargetSchema } from "./bothelp/bothelp-target-schema.ts";
import { httpTargetSchema } from "./http/http-target-schema.ts";
import { metabotTargetSchema } from "./metabot/metabot-target-schema.ts";

export const targetSchema = z.discriminatedUnion("type", [
  bothelpTargetSchema,
  metabotTargetSchema,
  httpTargetSchema,
]);

export type TargetConfig = z.output<typeof targetSchema>;
export type TargetKind = TargetConfig["type"];
