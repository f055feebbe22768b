import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { serverSchema } from "../src/config/server-schema.ts";
import { docBlocks } from "./read-doc-blocks.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * docs/deploy.md's HTTPS recipes: Caddy and nginx cannot run here, so their configurations are
 * read, and the headers each proxy sends are sent to a real botbridge with the trust_proxy the
 * page gives: it must see the sender's address (ip_allow) and the https URL the sender called
 * (a signature over the URL), and must not without the proxy's headers or the setting.
 */
const ROOT = join(import.meta.dirname, "..");
const nginx = readFileSync(join(ROOT, "deploy", "nginx-https.conf"), "utf8");
const caddy = readFileSync(join(ROOT, "deploy", "Caddyfile"), "utf8");
const CLIENT = "203.0.113.7";
const HOST = "bridge.example.com";

/** nginx's proxy_set_header lines, their variables as nginx fills them for a direct client. */
const NGINX_VARIABLES: Record<string, string> = {
  $host: HOST,
  $proxy_add_x_forwarded_for: CLIENT,
  $scheme: "https",
};
const nginxHeaders = Object.fromEntries(
  [...nginx.matchAll(/^\s*proxy_set_header (\S+) (.+);$/gm)]
    .filter(([, name]) => name!.toLowerCase() !== "connection")
    .map(([, name, value]) => [name!.toLowerCase(), NGINX_VARIABLES[value!] ?? value!]),
);
/** What Caddy's reverse_proxy sends upstream by default (Host passed on, X-Forwarded-* set). */
const caddyHeaders = {
  host: HOST,
  "x-forwarded-for": CLIENT,
  "x-forwarded-proto": "https",
  "x-forwarded-host": HOST,
};

const docServer = parse(docBlocks("deploy.md", "HTTPS in front", "yaml")[0]!.text) as {
  server: { host: string; trust_proxy: string };
};

describe("the proxy configurations say what botbridge reads", () => {
  it("nginx sets Host, X-Forwarded-For and X-Forwarded-Proto, to the port botbridge listens on", () => {
    expect(nginxHeaders).toEqual({
      host: HOST,
      "x-forwarded-for": CLIENT,
      "x-forwarded-proto": "https",
    });
    const upstream = /proxy_pass http:\/\/([\d.]+):(\d+);/.exec(nginx);
    expect(upstream?.[1]).toBe(docServer.server.host);
    expect(Number(upstream?.[2])).toBe(serverSchema.parse({}).port);
  });

  it("Caddy proxies the site to the port botbridge listens on", () => {
    const site = /^(\S+) \{\n\s*reverse_proxy ([\d.]+):(\d+)\n\}/m.exec(caddy);
    expect(site?.slice(1)).toEqual([
      HOST,
      docServer.server.host,
      String(serverSchema.parse({}).port),
    ]);
  });

  it.each<[string, string]>([
    ["nginx", nginx],
    ["Caddy", caddy],
  ])("the page shows %s's configuration as the file has it", (name, file) => {
    const shown = docBlocks("deploy.md", "HTTPS in front").find((b) =>
      name === "nginx" ? b.lang === "nginx" : b.text.includes("reverse_proxy"),
    );
    const lines = (text: string) =>
      text
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
    const fileLines = lines(file);
    for (const line of lines(shown!.text)) expect(fileLines).toContain(line);
  });

  it("the page's server settings listen on loopback and trust only a proxy there", () => {
    expect(docServer.server).toEqual({ host: "127.0.0.1", trust_proxy: "loopback" });
  });
});

const routes = (trust: unknown) => `
version: 1
server: { trust_proxy: ${JSON.stringify(trust)} }
targets:
  crm: { type: http, base_url: "https://crm.example.com", dry_run: true }
sources:
  proxied:
    verify:
      ip_allow: [${CLIENT}]
      hmac: { secret: proxy-test-secret, header: x-signature, encoding: hex, signed: "{url}{body}" }
routes:
  - id: all
    source: proxied
    actions:
      - http.request: { path: /x }
`;

const bridges = new Map<unknown, TestBridge>();
beforeAll(async () => {
  for (const trust of [docServer.server.trust_proxy, 1, false])
    bridges.set(trust, await startBridge(routes(trust)));
});
afterAll(async () => {
  for (const bridge of bridges.values()) await bridge.stop();
});

/** POSTs as the proxy would, with a signature over the URL the sender called. */
function post(bridge: TestBridge, headers: Record<string, string>): Promise<number> {
  const body = '{"email":"anna@example.com"}';
  const signature = createHmac("sha256", "proxy-test-secret")
    .update(`https://${HOST}/hooks/proxied${body}`)
    .digest("hex");
  const { port } = new URL(bridge.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/hooks/proxied",
        headers: { ...headers, "content-type": "application/json", "x-signature": signature },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("botbridge behind the proxy sees the sender and the https URL", () => {
  it.each<[string, unknown, Record<string, string>, number]>([
    [
      "nginx's headers, trust_proxy as the page says",
      docServer.server.trust_proxy,
      nginxHeaders,
      200,
    ],
    [
      "Caddy's headers, trust_proxy as the page says",
      docServer.server.trust_proxy,
      caddyHeaders,
      200,
    ],
    ["nginx's headers, trust_proxy: 1 (Docker)", 1, nginxHeaders, 200],
    ["Caddy's headers, trust_proxy: 1 (Docker)", 1, caddyHeaders, 200],
    ["no proxy headers: the proxy's address and http://", docServer.server.trust_proxy, {}, 401],
    ["nginx's headers without trust_proxy", false, nginxHeaders, 401],
  ])("%s", async (_name, trust, headers, status) => {
    expect(await post(bridges.get(trust)!, headers)).toBe(status);
  });
});
