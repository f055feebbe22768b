import type { BothelpSubscriber } from "./bothelp-subscriber.ts";
import type { FakeResponse } from "./fake-server.ts";
import { isPlainObject } from "./is-plain-object.ts";
import { patchCustomFields, patchSubscriber } from "./patch-subscriber.ts";
import { readMediaType, type RecordedCall } from "./read-call.ts";

export interface SubscriberWritesOptions {
  /** Media types `…/messages` accepts; others get 415. */
  messageContentTypes: string[];
  /** Where DELETE `/bot` and `/funnel` read the referral from. */
  deleteReferralIn: "body" | "query";
  /** What a successful PATCH answers: an empty 200, or `{"success":true}`. */
  patchAnswer: "empty" | "success";
}

export type SubscriberWrite = (call: RecordedCall, subscriber: BothelpSubscriber) => FakeResponse;

/** The handlers of the subscriber-scoped write endpoints (id and cuid forms alike). */
export interface SubscriberWrites {
  patch: SubscriberWrite;
  patchCustomFields: SubscriberWrite;
  sendMessages: SubscriberWrite;
  startFlow: SubscriberWrite;
  stopFlow: SubscriberWrite;
  addToSequence: SubscriberWrite;
  removeFromSequence: SubscriberWrite;
}

const SUCCESS: FakeResponse = { status: 200, body: { success: true } };
const JSON_DECODE_ERROR: FakeResponse = { status: 400, body: { message: "json_decode error" } };

export function createSubscriberWrites(options: SubscriberWritesOptions): SubscriberWrites {
  const patchDone: FakeResponse = options.patchAnswer === "empty" ? { status: 200 } : SUCCESS;

  function readReferral(call: RecordedCall, key: string): FakeResponse | string | undefined {
    if (options.deleteReferralIn === "query") return call.query[key];
    if (call.bodyKind !== "json") return JSON_DECODE_ERROR;
    if (!isPlainObject(call.body)) return answerBadRequest("Expected an object");
    const referral = call.body[key];
    if (referral === undefined) return undefined;
    return typeof referral === "string" ? referral : answerBadRequest(`${key} must be a string`);
  }

  return {
    patch(call, subscriber) {
      if (call.bodyKind !== "json") return JSON_DECODE_ERROR;
      const error = patchSubscriber(subscriber, call.body);
      return error === undefined ? patchDone : answerBadRequest(error);
    },
    patchCustomFields(call, subscriber) {
      if (call.bodyKind !== "json") return JSON_DECODE_ERROR;
      const error = patchCustomFields(subscriber, call.body);
      return error === undefined ? patchDone : answerBadRequest(error);
    },
    sendMessages(call, subscriber) {
      const mediaType = readMediaType(call.headers["content-type"]);
      if (!options.messageContentTypes.includes(mediaType)) {
        return { status: 415, body: { message: `Unsupported content type '${mediaType}'` } };
      }
      if (call.bodyKind !== "json") return JSON_DECODE_ERROR;
      if (!Array.isArray(call.body)) return answerBadRequest("Expected an array");
      const contents: string[] = [];
      for (const item of call.body as unknown[]) {
        if (!isPlainObject(item)) return answerBadRequest("Expected keys 'content' only");
        const keys = Object.keys(item);
        if (keys.length !== 1 || keys[0] !== "content" || typeof item.content !== "string") {
          return answerBadRequest("Expected keys 'content' only");
        }
        contents.push(item.content);
      }
      subscriber.messages.push(...contents);
      return SUCCESS;
    },
    startFlow(call, subscriber) {
      if (call.bodyKind !== "json") return JSON_DECODE_ERROR;
      if (!isPlainObject(call.body)) return answerBadRequest("Expected an object");
      const { botReferral, stepReferral } = call.body;
      if (typeof botReferral !== "string") return answerBadRequest("botReferral is required");
      if (stepReferral !== undefined && stepReferral !== null && typeof stepReferral !== "string") {
        return answerBadRequest("stepReferral must be a string");
      }
      subscriber.bots = subscriber.bots.filter((flow) => flow.botReferral !== botReferral);
      subscriber.bots.push({ botReferral, stepReferral: stepReferral ?? null });
      return SUCCESS;
    },
    stopFlow(call, subscriber) {
      const referral = readReferral(call, "botReferral");
      if (typeof referral === "object") return referral;
      subscriber.bots = subscriber.bots.filter(
        (flow) => referral !== undefined && flow.botReferral !== referral,
      );
      return SUCCESS;
    },
    addToSequence(call, subscriber) {
      if (call.bodyKind !== "json") return JSON_DECODE_ERROR;
      if (!isPlainObject(call.body)) return answerBadRequest("Expected an object");
      const { funnelReferral } = call.body;
      if (typeof funnelReferral !== "string") return answerBadRequest("funnelReferral is required");
      if (!subscriber.funnels.includes(funnelReferral)) subscriber.funnels.push(funnelReferral);
      return SUCCESS;
    },
    removeFromSequence(call, subscriber) {
      const referral = readReferral(call, "funnelReferral");
      if (typeof referral === "object") return referral;
      subscriber.funnels = subscriber.funnels.filter(
        (funnel) => referral !== undefined && funnel !== referral,
      );
      return SUCCESS;
    },
  };
}

function answerBadRequest(message: string): FakeResponse {
  return { status: 400, body: { message } };
}
