import { z } from "zod";

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name such as Europe/Moscow or UTC. */
export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, { error: "expected an IANA time zone such as Europe/Moscow or UTC" });
