import { createFakeServer, type FakeResponse, type FakeServer } from "./fake-server.ts";
import type { RecordedCall } from "./read-call.ts";

export interface AmocrmLead {
  contactIds: number[];
  name?: string;
  statusId?: number;
  pipelineId?: number;
}

export interface AmocrmContact {
  name: string;
  /** Stored as a person typed it, e.g. "+7 (999) 123-45-67". */
  phone?: string;
  email?: string;
}

export interface FakeAmocrmOptions {
  token: string;
  leads?: Record<number, AmocrmLead>;
  contacts?: Record<number, AmocrmContact>;
}

export type FakeAmocrm = FakeServer;

const PHONE_FIELD_ID = 264911;
const EMAIL_FIELD_ID = 264913;
const HAL_JSON = { "content-type": "application/hal+json" };

/** The two amoCRM API v4 reads a route needs to get from a lead to its contact's phone/email. */
export function createFakeAmocrm(options: FakeAmocrmOptions): FakeAmocrm {
  function showLead(call: RecordedCall, id: number): FakeResponse {
    const lead = options.leads?.[id];
    if (lead === undefined) return answerProblem(404, "Not Found", `Lead ${id} not found`);
    const withContacts = (call.query.with ?? "").split(",").includes("contacts");
    const contacts = lead.contactIds.map((contactId, index) => ({
      id: contactId,
      is_main: index === 0,
      _links: { self: { href: `/api/v4/contacts/${contactId}` } },
    }));
    return {
      status: 200,
      headers: HAL_JSON,
      body: {
        id,
        name: lead.name ?? `Сделка #${id}`,
        price: 0,
        status_id: lead.statusId ?? 142,
        pipeline_id: lead.pipelineId ?? 3177727,
        custom_fields_values: null,
        _links: { self: { href: `/api/v4/leads/${id}` } },
        _embedded: { tags: [], companies: [], ...(withContacts ? { contacts } : {}) },
      },
    };
  }

  function showContact(id: number): FakeResponse {
    const contact = options.contacts?.[id];
    if (contact === undefined) return answerProblem(404, "Not Found", `Contact ${id} not found`);
    const fields = [
      ...(contact.phone === undefined
        ? []
        : [describeField(PHONE_FIELD_ID, "Телефон", "PHONE", contact.phone)]),
      ...(contact.email === undefined
        ? []
        : [describeField(EMAIL_FIELD_ID, "Email", "EMAIL", contact.email)]),
    ];
    return {
      status: 200,
      headers: HAL_JSON,
      body: {
        id,
        name: contact.name,
        first_name: "",
        last_name: "",
        custom_fields_values: fields.length === 0 ? null : fields,
        _links: { self: { href: `/api/v4/contacts/${id}` } },
        _embedded: { tags: [], companies: [] },
      },
    };
  }

  function handle(call: RecordedCall): FakeResponse {
    if (call.headers.authorization !== `Bearer ${options.token}`) {
      return answerProblem(401, "Unauthorized", "Authorization required");
    }
    const match = /^\/api\/v4\/(leads|contacts)\/(\d+)$/.exec(call.path);
    if (match === null) return answerProblem(404, "Not Found", "Unknown endpoint");
    if (call.method !== "GET") return answerProblem(405, "Method Not Allowed", "Only GET here");
    const id = Number(match[2]);
    return match[1] === "leads" ? showLead(call, id) : showContact(id);
  }

  return createFakeServer({ handle });
}

function describeField(fieldId: number, fieldName: string, fieldCode: string, value: string) {
  return {
    field_id: fieldId,
    field_name: fieldName,
    field_code: fieldCode,
    field_type: "multitext",
    values: [{ value, enum_id: fieldId + 1000, enum_code: "WORK" }],
  };
}

/** amoCRM answers errors as application/problem+json. */
function answerProblem(status: number, title: string, detail: string): FakeResponse {
  return {
    status,
    headers: { "content-type": "application/problem+json" },
    body: { title, type: "https://httpstatus.es/" + String(status), status, detail },
  };
}
