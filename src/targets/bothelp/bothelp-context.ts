import type { TargetContext } from "../target-context.ts";
import type { BothelpTarget } from "./bothelp-target-schema.ts";

/** What the BotHelp client needs: an action's context, or one built for the start-up check. */
export type BothelpContext = TargetContext<BothelpTarget>;
