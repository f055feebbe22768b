import type { Request, Response } from "express";
import type { EventSummaryView } from "../api/response-schemas.ts";
import type { ConsoleDeps } from "./console-deps.ts";
import { contextOf, queryText, sendPage } from "./console-request.ts";
import { html, type Html } from "./html.ts";
import {
  filterQuery,
  readEventFilter,
  STATUSES,
  type EventFilterQuery,
} from "./read-event-filter.ts";
import { renderPage } from "./render-page.ts";
import { showTime } from "./show-time.ts";
import type { ConsoleText } from "./text-en.ts";

const PAGE = 50;

/** One row of the events list (the live tail sends the same rows). */
export function renderEventRow(text: ConsoleText, event: EventSummaryView): Html {
  return html`<tr data-id="${event.id}">
    <td><a href="/events/${event.id}">${showTime(event.received_at)}</a></td>
    <td>${event.source}</td>
    <td>
      ${
        event.deliveries.length === 0
          ? html`<span class="muted">—</span>`
          : event.deliveries.map(
              (d) =>
                html`<span class="status status-${d.status}"
                  >${d.route_id}: ${text.status[d.status]}</span
                > `,
            )
      }
    </td>
  </tr>`;
}

/** GET /events: filters, one search box (the API's search), a page of events, live new ones on the first page. */
export function eventsPage(deps: ConsoleDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const context = contextOf(res);
    const { text } = context;
    const filter = readEventFilter(req);
    const cursor = queryText(req, "cursor");
    const page = await deps.operate.listEvents(filter, {
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    const config = deps.rules().config;
    const now = new Date(deps.now()).toISOString();
    // The first page counts from its newest event; a later page from now.
    const after = cursor ? now : (page.data[0]?.received_at ?? now);
    const live = `/events/live?${filterQuery(filter, { after })}`;
    const body = html`${renderFilters(
        text,
        filter,
        [...config.sources.keys()],
        config.routes.map((r) => r.id),
      )}
      <p id="live-news" hidden>
        <a href="/events?${filterQuery(filter)}">${text.events.newOnes(0)}</a>
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>${text.events.received}</th>
              <th>${text.events.source}</th>
              <th>${text.events.deliveries}</th>
            </tr>
          </thead>
          <tbody
            id="event-rows"
            data-live="${live}"
            data-first="${cursor ? "0" : "1"}"
            data-new-text="${text.events.newOnes(0)}"
          >
            ${page.data.map((e) => renderEventRow(text, e))}
          </tbody>
        </table>
      </div>
      ${page.data.length === 0 ? html`<p>${text.events.none}</p>` : ""}
      <p class="actions">
        ${cursor ? html`<a class="button secondary" href="/events?${filterQuery(filter)}">${text.events.first}</a>` : ""}
        ${page.next_cursor ? html`<a class="button secondary" href="/events?${filterQuery(filter, { cursor: page.next_cursor })}">${text.events.next}</a>` : ""}
      </p>`;
    sendPage(res, renderPage(context, text.events.title, body, "events"));
  };
}

function renderFilters(
  text: ConsoleText,
  filter: EventFilterQuery,
  sources: string[],
  routes: string[],
): Html {
  const options = (
    values: readonly string[],
    chosen: string | undefined,
    label = (v: string) => v,
  ) =>
    html`<option value="">${text.events.any}</option>
      ${values.map(
        (v) =>
          html`<option value="${v}" ${v === chosen ? html` selected` : ""}>${label(v)}</option>`,
      )}`;
  const local = (iso: string | undefined) => (iso ? iso.slice(0, 16) : "");
  return html`<form method="get" action="/events" class="filters panel" role="search">
    <div class="wide">
      <label for="q">${text.events.search}</label
      ><input id="q" name="q" type="search" value="${filter.q ?? ""}" />
    </div>
    <div>
      <label for="source">${text.events.source}</label
      ><select id="source" name="source">
        ${options(sources, filter.source)}
      </select>
    </div>
    <div>
      <label for="route">${text.events.route}</label
      ><select id="route" name="route">
        ${options(routes, filter.route)}
      </select>
    </div>
    <div>
      <label for="status">${text.events.status}</label
      ><select id="status" name="status">
        ${options(STATUSES, filter.status, (s) => text.status[s as keyof ConsoleText["status"]])}
      </select>
    </div>
    <div>
      <label for="since">${text.events.since}</label
      ><input id="since" name="since" type="datetime-local" value="${local(filter.since)}" />
    </div>
    <div>
      <label for="until">${text.events.until}</label
      ><input id="until" name="until" type="datetime-local" value="${local(filter.until)}" />
    </div>
    <div><button type="submit">${text.events.apply}</button></div>
  </form>`;
}
