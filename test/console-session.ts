import { CONSOLE_TOKEN } from "./console-routes.ts";

/** A logged-in console session over plain HTTP: its cookie and the CSRF token of its pages. */
export interface ConsoleClient {
  cookie: string;
  csrf: string;
  get(path: string): Promise<{ status: number; text: string; location: string | null }>;
  post(
    path: string,
    form: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; text: string; location: string | null }>;
}

/** Logs in at `url` with the admin token (or `token`) and reads the CSRF token of the overview. */
export async function logInConsole(url: string, token = CONSOLE_TOKEN): Promise<ConsoleClient> {
  const login = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ token, back: "/" }),
    redirect: "manual",
  });
  if (login.status !== 303) throw new Error(`login answered ${login.status}`);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${url}${path}`, {
      ...init,
      redirect: "manual",
      headers: { cookie, ...(init.headers as Record<string, string> | undefined) },
    });
    return {
      status: response.status,
      text: await response.text(),
      location: response.headers.get("location"),
    };
  };
  const overview = await call("/");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(overview.text)?.[1] ?? "";
  return {
    cookie,
    csrf,
    get: (path) => call(path),
    post: (path, form, headers = {}) =>
      call(path, { method: "POST", body: new URLSearchParams(form), headers }),
  };
}
