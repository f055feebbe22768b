import type { Action } from "../../actions/define-action.ts";
import type { Config } from "../../config/config.ts";
import type { InboundEvent } from "../../core/inbound-event.ts";
import type {
  AdminChange,
  DeliveryFilter,
  EventFilter,
  EventSummary,
  Page,
  PageRequest,
  TargetState,
  WindowStats,
} from "../../store/operator-store.ts";
import type { Attempt, DeliveryRow, StoreStats } from "../../store/store.ts";

/** The operator service as the console uses it (the same functions the API calls). */
export interface ConsoleOperate {
  /** `q`: the API's search (a phone or e-mail written any way, or any text). */
  listEvents(filter: EventFilter & { q?: string }, page: PageRequest): Promise<Page<EventSummary>>;
  getEvent(id: string): Promise<InboundEvent | null>;
  listDeliveries(filter: DeliveryFilter, page: PageRequest): Promise<Page<DeliveryRow>>;
  listAttempts(deliveryId: string): Promise<Attempt[]>;
  countDeliveries(filter: DeliveryFilter): Promise<number>;
  retryDelivery(actor: string, id: string): Promise<AdminChange>;
  /** Retries every delivery the filter matches, in the background; how many it will touch. */
  retryMany(actor: string, filter: DeliveryFilter): Promise<{ total: number }>;
  /** New deliveries of a stored event under the current rules; how many. */
  replayEvent(actor: string, eventId: string): Promise<{ deliveries: number }>;
  targetStates(): Promise<TargetState[]>;
  pauseTarget(actor: string, target: string, reason: string): Promise<void>;
  resumeTarget(actor: string, target: string): Promise<void>;
  windowStats(since: number, now: number): Promise<WindowStats>;
  storeStats(): Promise<StoreStats>;
}

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
  operate: ConsoleOperate;
  /** The admin token's name when `token` is one (the API's constant-time check), else null. */
  checkToken(token: string): string | null;
  /** The session cookies' key, derived from the admin tokens (deriveSessionSecret). */
  sessionSecret(): Buffer;
  rules(): ConsoleRules;
  now(): number;
  /** How often the live event list looks for new events (ms; default 2000). */
  livePollMs?: number;
}
