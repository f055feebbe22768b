/** An answer of the operator API; `T` is what the test expects its JSON to be. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  json: T;
}

/** A caller of the operator API of a running bridge, with a token (or none, or a wrong one). */
export interface OperatorClient {
  get<T = Record<string, unknown>>(path: string): Promise<Answer<T>>;
  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<Answer<T>>;
}

export function operatorClient(baseUrl: string, token: string | undefined): OperatorClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<Answer<T>> => {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, json: (await response.json()) as T };
  };
  return {
    get: <T>(path: string) => call<T>("GET", path),
    post: <T>(path: string, body?: unknown) => call<T>("POST", path, body),
  };
}
