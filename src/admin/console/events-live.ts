import type { Request, Response } from "express";
import type { ConsoleDeps } from "./console-deps.ts";
import { contextOf, queryText } from "./console-request.ts";
import { renderEventRow } from "./events-page.ts";
import { readEventFilter } from "./read-event-filter.ts";

/**
 * GET /events/live: server-sent events with the rows of events received after `after` that
 * match the list's filters, looked for every livePollMs in the store (so any instance's events
 * show). The page puts them on top when it shows the first page, else counts them.
 */
export function eventsLive(deps: ConsoleDeps) {
  return (req: Request, res: Response): void => {
    const { text } = contextOf(res);
    const filter = readEventFilter(req);
    let since = queryText(req, "after") ?? new Date(deps.now()).toISOString();
    const seen = new Set<string>();
    res.status(200).set({
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    });
    res.flushHeaders();
    res.write("retry: 5000\n\n");
    let busy = false;
    const look = async () => {
      if (busy) return;
      busy = true;
      try {
        const page = await deps.operate.listEvents({ ...filter, since }, { limit: 50 });
        const fresh = page.data.filter((e) => !seen.has(e.id)).reverse();
        for (const event of fresh) {
          seen.add(event.id);
          since = event.received_at > since ? event.received_at : since;
          const row = renderEventRow(text, event).text.replace(/\n/g, "");
          res.write(`event: row\ndata: ${row}\n\n`);
        }
      } catch (error) {
        req.log.warn({ err: error }, "live event list: could not read new events");
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void look(), deps.livePollMs ?? 2000);
    req.on("close", () => clearInterval(timer));
  };
}
