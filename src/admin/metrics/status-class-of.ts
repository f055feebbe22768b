export type StatusClass = "2xx" | "3xx" | "4xx" | "5xx" | "none";

/** An HTTP status as its class, the only form a status takes in a label; `none` when no answer came. */
export function statusClassOf(status: number | null): StatusClass {
  if (status === null || !Number.isInteger(status)) return "none";
  if (status >= 200 && status < 300) return "2xx";
  if (status >= 300 && status < 400) return "3xx";
  if (status >= 400 && status < 500) return "4xx";
  if (status >= 500 && status < 600) return "5xx";
  return "none";
}
