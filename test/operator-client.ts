/** An answer of the operator API; `T` is what the test expects its JSON to be. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  json: T;
}

/** A caller of the operator API of a running bridge, with a token (or none, or a wrong one). */
export interface OperatorClient {
  get(path: string): Promise<Answer>;
  post(path: string, body?: unknown): Promise<Answer>;
}

export function operatorClient(baseUrl: string, token: string | undefined): OperatorClient {
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  return {
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body),
  };
}
