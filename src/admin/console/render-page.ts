import { html, type Html } from "./html.ts";
import type { ConsoleSession } from "./console-sessions.ts";
import type { ConsoleText } from "./text-en.ts";

/** What every page is rendered with: the language's texts and the operator's session. */
export interface PageContext {
  text: ConsoleText;
  /** Null on the login page. */
  session: ConsoleSession | null;
  /** The request's path and query, for the language switch to come back to. */
  url: string;
}

export type NavKey = "overview" | "events" | "failed" | "targets" | "tryIt" | "rules";

const NAV: [NavKey, string][] = [
  ["overview", "/"],
  ["events", "/events"],
  ["failed", "/failed"],
  ["targets", "/targets"],
  ["tryIt", "/try"],
  ["rules", "/rules"],
];

/** A whole HTML page: the header with navigation and the language switch, then `body`. */
export function renderPage(
  context: PageContext,
  title: string,
  body: Html,
  active?: NavKey,
): string {
  const { text, session } = context;
  const other = text.lang === "ru" ? "en" : "ru";
  const headers = session ? JSON.stringify({ "x-csrf-token": session.csrf }) : undefined;
  return html`<!doctype html>
<html lang="${text.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · botbridge</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/htmx.min.js" defer></script>
<script src="/assets/console.js" defer></script>
</head>
<body${headers ? html` hx-boost="true" hx-headers="${headers}"` : ""}>
<a class="skip" href="#main">${text.skip}</a>
<header><nav aria-label="botbridge">
<span class="brand">botbridge</span>
${
  session
    ? NAV.map(
        ([key, href]) =>
          html`<a href="${href}" ${key === active ? html` aria-current="page"` : ""}
            >${text.nav[key]}</a
          >`,
      )
    : ""
}
<a href="/lang?to=${other}&amp;back=${encodeURIComponent(context.url)}" lang="${other}" hx-boost="false">${text.nav.language}</a>
${
  session
    ? html`<form method="post" action="/logout">
        <input type="hidden" name="_csrf" value="${session.csrf}" /><button
          class="secondary"
          type="submit"
        >
          ${text.nav.logout}
        </button>
      </form>`
    : ""
}
</nav></header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
</body>
</html>`.text;
}

/** The hidden field a form posts its CSRF token in. */
export function csrfField(session: ConsoleSession | null): Html {
  return html`<input type="hidden" name="_csrf" value="${session?.csrf ?? ""}" />`;
}
