import { addTags } from "./bothelp/add-tags.ts";
import { addToSequence } from "./bothelp/add-to-sequence.ts";
import { findSubscribers } from "./bothelp/find-subscribers.ts";
import { removeFromSequence } from "./bothelp/remove-from-sequence.ts";
import { removeTags } from "./bothelp/remove-tags.ts";
import { sendMessage } from "./bothelp/send-message.ts";
import { setCustomFields } from "./bothelp/set-custom-fields.ts";
import { startFlow } from "./bothelp/start-flow.ts";
import { stopFlow } from "./bothelp/stop-flow.ts";
import { updateSubscriber } from "./bothelp/update-subscriber.ts";
import type { Action } from "./define-action.ts";
import { httpRequest } from "./http/http-request.ts";
import { callEndpoint } from "./metabot/call-endpoint.ts";
import { scheduleJob } from "./metabot/schedule-job.ts";

/** Every action botbridge knows, in the order docs/actions.md lists them. */
export function createActions(): Action[] {
  return [
    addTags,
    removeTags,
    setCustomFields,
    updateSubscriber,
    sendMessage,
    startFlow,
    stopFlow,
    addToSequence,
    removeFromSequence,
    findSubscribers,
    scheduleJob,
    callEndpoint,
    httpRequest,
  ];
}
