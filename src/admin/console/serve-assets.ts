import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Router } from "express";

const YEAR = "public, max-age=31536000, immutable";

/**
 * GET /assets/htmx.min.js (the pinned htmx from node_modules), /assets/console.css and
 * /assets/console.js; read once at start. Pages ask for them with the package version in the
 * query, so an upgrade is a new address and they may be cached for a year.
 */
export function serveAssets(router: Router): string {
  const require = createRequire(import.meta.url);
  const htmx = readFileSync(require.resolve("htmx.org/dist/htmx.min.js"));
  const { version } = require("htmx.org/package.json") as { version: string };
  const css = readFileSync(new URL("./console.css", import.meta.url));
  const js = readFileSync(new URL("./console.js", import.meta.url));
  const assets: [string, Buffer, string][] = [
    ["/assets/htmx.min.js", htmx, "text/javascript; charset=utf-8"],
    ["/assets/console.css", css, "text/css; charset=utf-8"],
    ["/assets/console.js", js, "text/javascript; charset=utf-8"],
  ];
  for (const [path, body, type] of assets)
    router.get(path, (_req, res) => {
      res.set({ "content-type": type, "cache-control": YEAR }).send(body);
    });
  return version;
}
