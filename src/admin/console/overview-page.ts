import type { Request, Response } from "express";
import type { StoreStats } from "../../store/store.ts";
import type { ConsoleDeps } from "./console-deps.ts";
import { contextOf, sendPage } from "./console-request.ts";
import { recentFailures } from "./group-failures.ts";
import { healthSentence } from "./health-sentence.ts";
import { html, type Html } from "./html.ts";
import { renderPage } from "./render-page.ts";
import { showTime } from "./show-time.ts";
import type { ConsoleText } from "./text-en.ts";

const HOURS = 2;
const BAR_HOURS = 12;
const HOUR = 3_600_000;
const SIZE_MAX_AGE = 60_000;

/** GET /: the health sentence, then per-hour counts, failures, paused targets, the oldest waiting, the store's size. */
export function overviewPage(deps: ConsoleDeps) {
  // Counting every row takes a while at millions of events: the store's size may be a minute old.
  let size: { at: number; stats: Promise<StoreStats> } | undefined;
  const storeSize = (now: number) => {
    if (!size || now - size.at >= SIZE_MAX_AGE || now < size.at)
      size = { at: now, stats: deps.store.stats() };
    const asked = size;
    asked.stats.catch(() => {
      if (size === asked) size = undefined;
    });
    return asked.stats;
  };
  return async (_req: Request, res: Response): Promise<void> => {
    const context = contextOf(res);
    const { text } = context;
    const now = deps.now();
    const window = await deps.store.windowStats(now - HOURS * HOUR, now);
    const [failures, targets, size, hours] = await Promise.all([
      recentFailures(deps, window),
      deps.operate.listTargets(),
      storeSize(now),
      perHour(deps, now),
    ]);
    const worst = failures[0];
    const paused = targets.filter((t) => t.paused);
    const health = healthSentence(text, {
      hours: HOURS,
      worst: worst
        ? {
            target: worst.target ?? worst.route_id,
            last_error: worst.last_error,
            count: worst.count,
          }
        : null,
      paused: paused.map((t) => ({ name: t.name, cause: t.paused_by })),
      waiting: window.waiting,
      oldest_waiting_at: window.oldest_waiting_at,
      now,
    });
    const deliveries = Object.values(size.deliveries).reduce((a, b) => a + b, 0);
    const body = html`<p class="sentence${health.bad ? " bad" : ""}" id="health">
        ${health.sentences.join(" ")}
      </p>
      <h2>${text.overview.perHour}</h2>
      ${renderBars(text, hours)}
      <h2>${text.overview.failures}</h2>
      ${
        failures.length === 0
          ? html`<p>${text.overview.none}</p>`
          : html`<ul>
              ${failures.map(
                (f) =>
                  html`<li>
                    <a href="/failed#${f.route_id}-${f.code}">${f.route_id} · ${f.code}</a>:
                    ${f.count}
                  </li>`,
              )}
            </ul>`
      }
      <h2>${text.overview.pausedTargets}</h2>
      ${
        paused.length === 0
          ? html`<p>${text.overview.none}</p>`
          : html`<ul>
              ${paused.map((t) => html`<li><a href="/targets">${t.name}</a>: ${text.targets.causes[t.paused_by ?? "operator"]}</li>`)}
            </ul>`
      }
      <h2>${text.overview.oldestWaiting}</h2>
      <p>
        ${window.oldest_waiting_at === null ? text.overview.none : html`${showTime(window.oldest_waiting_at)} (${window.waiting})`}
      </p>
      <h2>${text.overview.storeSize}</h2>
      <p>${text.overview.storeCounts(size.events, deliveries)}</p>`;
    sendPage(res, renderPage(context, text.overview.title, body, "overview"));
  };
}

interface HourCount {
  start: number;
  events: number;
  deliveries: number;
}

async function perHour(deps: ConsoleDeps, now: number): Promise<HourCount[]> {
  const top = Math.floor(now / HOUR) * HOUR;
  const starts = Array.from({ length: BAR_HOURS }, (_, i) => top - i * HOUR);
  return Promise.all(
    starts.map(async (start) => {
      const stats = await deps.store.windowStats(start, start + HOUR);
      const deliveries = Object.values(stats.deliveries_by_status).reduce((a, b) => a + b, 0);
      return { start, events: stats.events, deliveries };
    }),
  );
}

function renderBars(text: ConsoleText, hours: HourCount[]): Html {
  const most = Math.max(1, ...hours.flatMap((h) => [h.events, h.deliveries]));
  const width = (n: number) => `width:${Math.round((n / most) * 100)}%`;
  return html`<div class="bars panel" role="img" aria-label="${text.overview.perHour}">
      ${hours.map(
        (h) =>
          html`<div class="bar-row">
            <span>${new Date(h.start).toISOString().slice(11, 16)}</span
            ><span>
              <span
                class="bar"
                style="${width(h.events)}"
                title="${h.events} ${text.overview.events}"
              ></span>
              <span
                class="bar deliveries"
                style="${width(h.deliveries)}"
                title="${h.deliveries} ${text.overview.deliveries}"
              ></span>
              <small class="muted">${h.events} / ${h.deliveries}</small></span
            >
          </div>`,
      )}
    </div>
    <p class="muted">
      <span class="bar" style="display:inline-block;width:1rem"></span> ${text.overview.events} ·
      <span class="bar deliveries" style="display:inline-block;width:1rem"></span>
      ${text.overview.deliveries}
    </p>`;
}
