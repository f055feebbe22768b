/** A time as the console shows it: `2026-12-06 22:31:05 UTC` (the same for every operator). */
export function showTime(ms: number | null | undefined, never = "—"): string {
  if (ms === null || ms === undefined) return never;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
