import type { ActionContext } from "../action-context.ts";
import type { BothelpTarget } from "../../targets/bothelp/bothelp-target-schema.ts";

/** What the BotHelp client needs of an action's context (also built outside deliveries). */
export type BothelpContext = Pick<
  ActionContext<BothelpTarget>,
  "target" | "targetName" | "http" | "dryRun" | "shared" | "now"
>;
