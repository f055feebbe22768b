/**
 * Whether a failed PostgreSQL statement may have failed for one of the rows it wrote: a data
 * exception (class 22), an integrity constraint (23) or a transaction rollback such as a
 * deadlock (40), which the rows written alone may avoid. Not a lost connection, a timeout, a
 * read-only or shutting-down server: those fail every statement alike.
 */
export function mayBeOneRow(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^(22|23|40)[0-9A-Z]{3}$/.test(code);
}
