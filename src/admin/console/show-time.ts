/** A time as the console shows it: `2026-12-06 22:31:05 UTC` (the same for every operator). */
export function showTime(at: number | string | null | undefined, never = "—"): string {
  if (at === null || at === undefined) return never;
  const ms = typeof at === "number" ? at : Date.parse(at);
  if (Number.isNaN(ms)) return String(at);
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
