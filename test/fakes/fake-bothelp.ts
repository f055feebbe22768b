import {
  createBothelpSubscriber,
  type BothelpSubscriber,
  type NewBothelpSubscriber,
} from "./bothelp-subscriber.ts";
import { createTokenIssuer } from "./bothelp-tokens.ts";
import {
  createFakeServer,
  extendFakeServer,
  type FakeResponse,
  type FakeServer,
} from "./fake-server.ts";
import { listSubscribers } from "./list-subscribers.ts";
import type { RecordedCall } from "./read-call.ts";
import { createSubscriberWrites, type SubscriberWrite } from "./subscriber-writes.ts";

/** A flow, sequence or step as the discovery endpoints list it. */
export interface BothelpReferral {
  title: string;
  referral: string;
}

export interface BothelpFlow extends BothelpReferral {
  steps?: BothelpReferral[];
}

export interface FakeBothelpOptions {
  clientId?: string;
  clientSecret?: string;
  /** Seconds an issued token lives (default 3600). */
  expiresIn?: number;
  /** Clock in milliseconds, for token expiry and default createdAt (default Date.now). */
  now?: () => number;
  /** Subscribers per page of `GET /v1/subscribers/` (default 100). */
  pageSize?: number;
  subscribers?: NewBothelpSubscriber[];
  /** Flows for `GET /v1/bots/` and their steps. */
  bots?: BothelpFlow[];
  /** Sequences for `GET /v1/funnels/`. */
  funnels?: BothelpReferral[];
  /** Default `["application/vnd.api+json", "application/json"]`. */
  messageContentTypes?: string[];
  /** Default "body". */
  deleteReferralIn?: "body" | "query";
  /** Default "empty". */
  patchAnswer?: "empty" | "success";
}

export interface FakeBothelp extends FakeServer {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Requests to the token endpoint so far, scripted failures included. */
  readonly tokenRequests: number;
  /** Invalidates every issued token: the next API call gets 401. */
  expireTokens(): void;
  /** The account's API secret is replaced by `next` (revoked): tokens expire, the old secret is refused. */
  revokeSecret(next: string): void;
  addSubscriber(subscriber: NewBothelpSubscriber): BothelpSubscriber;
  /** A copy of one subscriber's state; throws for an unknown id. */
  subscriber(id: number): BothelpSubscriber;
}

type RouteHandler = (call: RecordedCall, match: RegExpExecArray) => FakeResponse;

interface Route {
  /** Matched against the path without trailing slashes. */
  pattern: RegExp;
  /** Whether the real API wants a trailing slash here (else it answers 301). */
  trailingSlash: boolean;
  methods: Partial<Record<string, RouteHandler>>;
}

const TOKEN_PATH = "/oauth2/token";
const SUBSCRIBER = String.raw`^/v1/subscribers/(?:(\d+)|cuid/([^/]+))`;

/** A BotHelp API (OAuth2 token endpoint + /v1) as described in reference/bothelp-api.md. */
export function createFakeBothelp(options: FakeBothelpOptions = {}): FakeBothelp {
  const clientId = options.clientId ?? "12345:0123456789abcdef0123456789abcdef";
  const clientSecret = options.clientSecret ?? "fake-bothelp-secret";
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? 100;
  const issuer = { clientId, clientSecret, expiresIn: options.expiresIn ?? 3600, now };
  const tokens = createTokenIssuer(issuer);
  const writes = createSubscriberWrites({
    messageContentTypes: options.messageContentTypes ?? [
      "application/vnd.api+json",
      "application/json",
    ],
    deleteReferralIn: options.deleteReferralIn ?? "body",
    patchAnswer: options.patchAnswer ?? "empty",
  });
  const subscribers = new Map<number, BothelpSubscriber>();

  function addSubscriber(input: NewBothelpSubscriber): BothelpSubscriber {
    if (subscribers.has(input.id)) throw new Error(`subscriber ${input.id} already exists`);
    const subscriber = createBothelpSubscriber(input, Math.floor(now() / 1000));
    subscribers.set(subscriber.id, subscriber);
    return structuredClone(subscriber);
  }

  function withSubscriber(write: SubscriberWrite): RouteHandler {
    return (call, match) => {
      const [, id, cuid] = match;
      const subscriber =
        id === undefined
          ? [...subscribers.values()].find((s) => s.cuid === decodeURIComponent(cuid ?? ""))
          : subscribers.get(Number(id));
      if (subscriber === undefined)
        return { status: 404, body: { message: "Subscriber not found" } };
      return write(call, subscriber);
    };
  }

  const routes: Route[] = [
    {
      pattern: /^\/v1\/subscribers$/,
      trailingSlash: true,
      methods: { GET: (call) => listSubscribers(subscribers.values(), call.query, pageSize) },
    },
    {
      pattern: new RegExp(`${SUBSCRIBER}$`),
      trailingSlash: false,
      methods: { PATCH: withSubscriber(writes.patch) },
    },
    {
      pattern: new RegExp(`${SUBSCRIBER}/customFields$`),
      trailingSlash: false,
      methods: { PATCH: withSubscriber(writes.patchCustomFields) },
    },
    {
      pattern: new RegExp(`${SUBSCRIBER}/messages$`),
      trailingSlash: false,
      methods: { POST: withSubscriber(writes.sendMessages) },
    },
    {
      pattern: new RegExp(`${SUBSCRIBER}/bot$`),
      trailingSlash: false,
      methods: { POST: withSubscriber(writes.startFlow), DELETE: withSubscriber(writes.stopFlow) },
    },
    {
      pattern: new RegExp(`${SUBSCRIBER}/funnel$`),
      trailingSlash: false,
      methods: {
        POST: withSubscriber(writes.addToSequence),
        DELETE: withSubscriber(writes.removeFromSequence),
      },
    },
    {
      pattern: /^\/v1\/bots$/,
      trailingSlash: true,
      methods: { GET: () => answerList(options.bots ?? []) },
    },
    {
      pattern: /^\/v1\/bots\/([^/]+)\/steps$/,
      trailingSlash: false,
      methods: {
        GET: (_call, match) => {
          const referral = decodeURIComponent(match[1] ?? "");
          const flow = options.bots?.find((bot) => bot.referral === referral);
          return answerList(flow?.steps ?? []);
        },
      },
    },
    {
      pattern: /^\/v1\/funnels$/,
      trailingSlash: true,
      methods: { GET: () => answerList(options.funnels ?? []) },
    },
  ];

  function handle(call: RecordedCall): FakeResponse {
    if (call.path === TOKEN_PATH) return tokens.issueToken(call);
    const bare = call.path.replace(/\/+$/, "");
    for (const route of routes) {
      const match = route.pattern.exec(bare);
      if (match === null) continue;
      const canonical = route.trailingSlash ? `${bare}/` : bare;
      if (call.path !== canonical) return answerRedirect(call, canonical);
      if (!tokens.isAuthorized(call.headers.authorization)) {
        return { status: 401, body: { error: "Unauthorized" } };
      }
      const handler = route.methods[call.method];
      if (handler === undefined) {
        return { status: 405, headers: { allow: Object.keys(route.methods).join(", ") } };
      }
      return handler(call, match);
    }
    return { status: 404, body: { message: "Not found" } };
  }

  const server = createFakeServer({ handle });
  for (const subscriber of options.subscribers ?? []) addSubscriber(subscriber);

  return extendFakeServer(server, {
    clientId,
    get clientSecret() {
      return issuer.clientSecret;
    },
    get tokenRequests() {
      return server.calls.filter((call) => call.path === TOKEN_PATH).length;
    },
    expireTokens: () => {
      tokens.expireTokens();
    },
    revokeSecret: (next: string) => {
      issuer.clientSecret = next;
      tokens.expireTokens();
    },
    addSubscriber,
    subscriber(id: number) {
      const subscriber = subscribers.get(id);
      if (subscriber === undefined) throw new Error(`no subscriber ${id} in the BotHelp fake`);
      return structuredClone(subscriber);
    },
  });
}

function answerList(items: BothelpReferral[]): FakeResponse {
  return { status: 200, body: items.map(({ title, referral }) => ({ title, referral })) };
}

/** 301 to the canonical path, query kept; the fake never follows it itself. */
function answerRedirect(call: RecordedCall, path: string): FakeResponse {
  const query = new URLSearchParams(call.query).toString();
  const location = `http://${call.headers.host ?? "127.0.0.1"}${path}${query ? `?${query}` : ""}`;
  return { status: 301, headers: { location }, body: "" };
}
