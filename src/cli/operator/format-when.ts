/**
 * A time for people: local, as short as still unambiguous (the time of day today, the date
 * this year), with how long ago or from now: `14:02:11 (3 min ago)`, `12-05 09:15 (1 d ago)`,
 * `in 40 s`. Accepts Unix milliseconds or an ISO 8601 text; null or nothing is `-`.
 */
export function formatWhen(time: number | string | null | undefined, now: number): string {
  const at = typeof time === "string" ? Date.parse(time) : time;
  if (at === null || at === undefined || Number.isNaN(at)) return "-";
  const date = new Date(at);
  const today = new Date(now);
  const hhmm = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const shown =
    date.toDateString() === today.toDateString()
      ? `${hhmm}:${pad(date.getSeconds())}`
      : date.getFullYear() === today.getFullYear()
        ? `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${hhmm}`
        : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${hhmm}`;
  return `${shown} (${formatAgo(at, now)})`;
}

/** `3 min ago`, `in 2 h`, `just now`. */
export function formatAgo(at: number, now: number): string {
  const seconds = Math.round((now - at) / 1000);
  if (Math.abs(seconds) < 2) return "just now";
  const span = spanOf(Math.abs(seconds));
  return seconds > 0 ? `${span} ago` : `in ${span}`;
}

/** A length of time in its largest sensible unit: `45 s`, `3 min`, `5 h`, `2 d`. */
export function spanOf(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
