import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeAmocrm, type FakeAmocrm } from "./fake-amocrm.ts";

const TOKEN = "amo-token";

describe("createFakeAmocrm", () => {
  let fake: FakeAmocrm;
  let url: string;

  async function get(path: string, token = TOKEN): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: await response.json() };
  }

  beforeAll(async () => {
    fake = createFakeAmocrm({
      token: TOKEN,
      leads: {
        10754147: { contactIds: [501, 502], name: "Заявка с сайта", statusId: 54423922 },
        20: { contactIds: [] },
      },
      contacts: {
        501: { name: "Иван Петров", phone: "+7 (999) 123-45-67", email: "ivan@example.com" },
        502: { name: "Без контактов" },
      },
    });
    ({ url } = await fake.start());
  });
  afterAll(async () => {
    await fake.close();
  });

  it("shows a lead with its contacts embedded when asked with=contacts", async () => {
    const { status, body } = await get("/api/v4/leads/10754147?with=contacts");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 10754147,
      name: "Заявка с сайта",
      status_id: 54423922,
      pipeline_id: expect.any(Number),
      _embedded: {
        contacts: [
          { id: 501, is_main: true },
          { id: 502, is_main: false },
        ],
      },
    });
  });

  it("leaves contacts out without with=contacts", async () => {
    const { body } = await get("/api/v4/leads/10754147");
    expect(body).toHaveProperty("_embedded");
    expect(body).not.toHaveProperty("_embedded.contacts");
  });

  it("shows a contact's phone and email as custom_fields_values", async () => {
    const { status, body } = await get("/api/v4/contacts/501");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 501,
      name: "Иван Петров",
      custom_fields_values: [
        {
          field_name: "Телефон",
          field_code: "PHONE",
          values: [{ value: "+7 (999) 123-45-67", enum_code: "WORK" }],
        },
        { field_code: "EMAIL", values: [{ value: "ivan@example.com", enum_code: "WORK" }] },
      ],
    });
  });

  it("answers custom_fields_values: null for a contact without fields", async () => {
    expect((await get("/api/v4/contacts/502")).body).toHaveProperty("custom_fields_values", null);
  });

  it.each([
    ["an unknown lead", "/api/v4/leads/1?with=contacts", TOKEN, 404],
    ["an unknown contact", "/api/v4/contacts/1", TOKEN, 404],
    ["an unknown path", "/api/v4/companies/1", TOKEN, 404],
    ["a wrong token", "/api/v4/leads/20", "nope", 401],
  ])("answers %s with %i", async (_name, path, token, status) => {
    const answer = await get(path, token);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ status, title: expect.any(String) });
  });
});
