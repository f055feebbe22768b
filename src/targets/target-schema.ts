import { z } from "zod";
import type { TargetKind } from "./define-target.ts";
import { TARGET_KINDS } from "./targets.ts";

/** The schemas of a list of kinds, as a tuple in the same order. */
type SchemasOf<K extends readonly TargetKind[]> = { -readonly [I in keyof K]: K[I]["schema"] };

/** A target in routes.yaml: one of the registered kinds, told apart by `type`. */
export const targetSchema = z.discriminatedUnion(
  "type",
  TARGET_KINDS.map((kind) => kind.schema) as SchemasOf<typeof TARGET_KINDS>,
);

export type TargetConfig = z.output<typeof targetSchema>;
export type TargetType = TargetConfig["type"];
