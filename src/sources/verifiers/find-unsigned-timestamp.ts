import type { HmacSettings } from "./verify-hmac.ts";

/**
 * A timestamp that is checked against the tolerance but is not part of what is signed: anyone
 * can replay a captured request with a fresh time, so the check only looks like replay
 * protection. Names the setting to look at and says why; undefined when the time is signed (a
 * body field is signed whenever the body is).
 */
export function findUnsignedTimestamp(
  settings: HmacSettings,
): { key: string; message: string } | undefined {
  const { signed } = settings;
  if (signed.includes("{timestamp}")) return undefined;
  let where: string;
  let key: string;
  if (settings.header_format === "t_v1") {
    where = `the t= time in header ${settings.header}`;
    key = "signed";
  } else if (settings.timestamp_header) {
    where = `the time in header ${settings.timestamp_header}`;
    key = "timestamp_header";
  } else if (settings.timestamp_field) {
    if (signed.includes("{body}")) return undefined;
    where = `the time in body field ${settings.timestamp_field}`;
    key = "timestamp_field";
  } else return undefined;
  return {
    key,
    message: `${where} is not part of what is signed (signed: "${signed}"): a replayed request passes with a fresh time, so there is no replay protection; if the sender signs the time, add {timestamp} to signed`,
  };
}
