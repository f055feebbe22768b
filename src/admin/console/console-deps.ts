import type { Action } from "../../actions/define-action.ts";
import type { Config } from "../../config/config.ts";
import type { OperatorStore } from "../../store/operator-store.ts";
import type { Store } from "../../store/store.ts";
import type { Operate } from "../operate/create-operate.ts";

/** The rules in use, and what the Rules page shows of the routes file. */
export interface ConsoleRules {
  config: Config;
  actions: ReadonlyMap<string, Action>;
  /** The routes file as loaded, secrets masked. */
  file: string;
  loaded_at: number;
  /** The last reload, when it was refused (the rules above stay in use). */
  refused: { at: number; problems: string[] } | null;
}

export interface ConsoleDeps {
  /** The operator service: every change goes through it (and its audit log), as the API's do. */
  operate: Operate;
  /** Counts the overview draws (per hour, failures grouped by route and error). */
  store: Pick<Store, "stats"> &
    Pick<OperatorStore, "windowStats" | "listDeliveryPage" | "countDeliveries">;
  /** The admin token's name when `token` is one (the API's constant-time check), else null. */
  checkToken: (token: string) => string | null;
  /** The session cookies' key, derived from the admin tokens (deriveSessionSecret). */
  sessionSecret: () => Buffer;
  rules: () => ConsoleRules;
  now: () => number;
  /** How often the live event list looks for new events (ms; default 2000). */
  livePollMs?: number;
}
