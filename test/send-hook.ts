/** What botbridge answers a webhook it accepted. */
export interface HookAnswer {
  ok: boolean;
  duplicate?: boolean;
}

/**
 * POSTs `body` as JSON to `<base>/hooks/<source>` as a sender would, giving up after 5 s: the
 * answer when it is a 200, else undefined (refused, down, cut off or timed out), for the load
 * tests that send again until a webhook is accepted.
 */
export async function sendHook(
  base: string,
  source: string,
  body: unknown,
): Promise<HookAnswer | undefined> {
  try {
    const response = await fetch(`${base}/hooks/${source}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    if (response.status !== 200) return undefined;
    return (await response.json()) as HookAnswer;
  } catch {
    return undefined;
  }
}
