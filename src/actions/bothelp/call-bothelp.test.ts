import { afterEach, describe, expect, it } from "vitest";
import type { FakeBothelpOptions } from "../../../test/fakes/fake-bothelp.ts";
import {
  startBothelpContext,
  type BothelpActionContext,
} from "../../../test/start-bothelp-context.ts";
import { TargetHttpError } from "../../targets/target-http-error.ts";
import type { Action } from "../define-action.ts";
import { removeFromSequence } from "./remove-from-sequence.ts";
import { sendMessage } from "./send-message.ts";
import { setCustomFields } from "./set-custom-fields.ts";
import { stopFlow } from "./stop-flow.ts";
import { updateSubscriber } from "./update-subscriber.ts";

/**
 * What the reference marks as inferred is configurable per operation in the target: method,
 * path, content type, message body style, where a DELETE's referral goes, ops per request. Each
 * override is applied to the call, and redirects are never followed.
 */
const subscriber = { id: 92, cuid: "1et0.2k", bots: [{ botReferral: "c1", stepReferral: null }] };

let h: BothelpActionContext;

afterEach(async () => {
  await h.close();
});

interface Case {
  name: string;
  operations: Record<string, unknown>;
  action: Action;
  params: Record<string, unknown>;
  fake?: FakeBothelpOptions;
  /** The status BotHelp refuses the call with (a TargetHttpError, http_<status>), or null. */
  refused: number | null;
  call: { method: string; path: string; query: unknown; type?: string; body: unknown };
}

const CASES: Case[] = [
  {
    name: "stop_flow with the referral in the query",
    operations: { stop_flow: { referral_in: "query" } },
    action: stopFlow,
    params: { subscriber: { id: 92 }, flow: "c1" },
    fake: { deleteReferralIn: "query" },
    refused: null,
    call: {
      method: "DELETE",
      path: "/v1/subscribers/92/bot",
      query: { botReferral: "c1" },
      type: "application/json",
      body: {},
    },
  },
  {
    name: "remove_from_sequence with the referral in both",
    operations: { remove_from_sequence: { referral_in: "both" } },
    action: removeFromSequence,
    params: { subscriber: { id: 92 }, sequence: "f1" },
    refused: null,
    call: {
      method: "DELETE",
      path: "/v1/subscribers/92/funnel",
      query: { funnelReferral: "f1" },
      type: "application/json",
      body: { funnelReferral: "f1" },
    },
  },
  {
    name: "send_message as application/json",
    operations: { send_message: { content_type: "application/json" } },
    action: sendMessage,
    params: { subscriber: { cuid: "1et0.2k" }, text: "hi" },
    refused: null,
    call: {
      method: "POST",
      path: "/v1/subscribers/cuid/1et0.2k/messages",
      query: {},
      type: "application/json",
      body: [{ content: "hi" }],
    },
  },
  {
    name: "send_message in a data envelope (this fake wants the SDK's array)",
    operations: { send_message: { body_style: "data" } },
    action: sendMessage,
    params: { subscriber: { id: 92 }, text: "hi" },
    refused: 400,
    call: {
      method: "POST",
      path: "/v1/subscribers/92/messages",
      query: {},
      type: "application/vnd.api+json",
      body: { data: { content: ["hi"] } },
    },
  },
  {
    name: "update_subscriber with two ops per request",
    operations: { update_subscriber: { ops_per_request: 2 } },
    action: updateSubscriber,
    params: { subscriber: { id: 92 }, first_name: "Ivan", last_name: "Petrov" },
    refused: null,
    call: {
      method: "PATCH",
      path: "/v1/subscribers/92",
      query: {},
      type: "application/json",
      body: [
        { op: "replace", path: "/firstName", value: "Ivan" },
        { op: "replace", path: "/lastName", value: "Petrov" },
      ],
    },
  },
  {
    name: "a path with a wrong trailing slash: the 301 is not followed",
    operations: { set_custom_fields: { path: "/v1/subscribers/{subscriber}/customFields/" } },
    action: setCustomFields,
    params: { subscriber: { id: 92 }, fields: { a: 1 } },
    refused: 301,
    call: {
      method: "PATCH",
      path: "/v1/subscribers/92/customFields/",
      query: {},
      type: "application/json",
      body: [{ op: "replace", path: "/a", value: "1" }],
    },
  },
];

describe("BotHelp operation overrides", () => {
  it.each(CASES)("$name", async (c) => {
    h = await startBothelpContext(
      { subscribers: [{ ...subscriber, funnels: ["f1"] }], ...c.fake },
      { operations: c.operations },
    );
    const refused = await h.run(c.action, c.params).then(
      () => null,
      (error: unknown) => (error instanceof TargetHttpError ? error.status : error),
    );
    expect(refused).toBe(c.refused);
    expect(
      h.apiCalls().map((call) => ({
        method: call.method,
        path: call.path,
        query: call.query,
        type: call.headers["content-type"],
        body: call.body,
      })),
    ).toEqual([c.call]);
  });
});
