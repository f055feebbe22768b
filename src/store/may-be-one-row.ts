/**
 * Whether a failed PostgreSQL statement may have failed for one of the rows it wrote: a data
 * exception (class 22), an integrity constraint (23), a deadlock (40P01) or a serialization
 * failure (40001), which the rows written alone may avoid. Not a lost connection, a timeout, a
 * read-only or shutting-down server, nor a commit whose outcome is unknown (40003): those fail
 * every statement alike, or are not safe to write again.
 */
export function mayBeOneRow(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^(22[0-9A-Z]{3}|23[0-9A-Z]{3}|40P01|40001)$/.test(code);
}
