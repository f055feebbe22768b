import { readFileSync } from "node:fs";
import type { Action } from "../../actions/define-action.ts";
import type { Config } from "../../config/config.ts";
import type { Masker } from "../../targets/mask-secrets.ts";
import type { ConsoleRules } from "./console-deps.ts";

/** What the Rules page shows of the routes file: its text as last loaded and a refused reload's problems. */
export interface RulesFileTracker {
  /** The file was (re)loaded: its text now is what runs. */
  loaded(): void;
  /** A reload was refused: the last good text stays, with these problems beside it. */
  refused(problems: string[]): void;
  /** The console's view, the file's secrets masked. */
  view(config: Config, actions: ReadonlyMap<string, Action>, masker: Masker): ConsoleRules;
}

export function trackRulesFile(path: string, now: () => number): RulesFileTracker {
  let text = readFileSync(path, "utf8");
  let loadedAt = now();
  let refused: ConsoleRules["refused"] = null;
  return {
    loaded() {
      text = readFileSync(path, "utf8");
      loadedAt = now();
      refused = null;
    },
    refused(problems) {
      refused = { at: now(), problems };
    },
    view: (config, actions, masker) => ({
      config,
      actions,
      file: masker.text(text),
      loaded_at: loadedAt,
      refused,
    }),
  };
}
