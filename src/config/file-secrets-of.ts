import type { AdminSettings } from "./admin-schema.ts";
import type { AlertSettings } from "./alerts-schema.ts";
import type { MetricsSettings } from "./metrics-schema.ts";

/**
 * The admin tokens, the alert channels' credentials and the metrics token, written in the file or
 * not: secrets like the values taken from the environment, masked wherever they would show.
 */
export function fileSecretsOf(
  admin: AdminSettings,
  alerts: AlertSettings,
  metrics: MetricsSettings,
): string[] {
  return [
    ...adminTokensOf(admin),
    ...alertSecretsOf(alerts),
    ...(metrics.token ? [metrics.token] : []),
  ];
}

/** The configured admin tokens, written in the file or not: secrets like the ones from the environment. */
function adminTokensOf(admin: AdminSettings): string[] {
  const { token } = admin;
  const tokens = typeof token === "string" ? [token] : (token ?? []).map((t) => t.token);
  return tokens.filter((t) => t !== "");
}

/** The alert channels' credentials, written in the file or not: secrets like the ones from the environment. */
function alertSecretsOf(alerts: AlertSettings): string[] {
  const { telegram, webhook } = alerts.channels;
  const values = [telegram?.bot_token ?? "", ...Object.values(webhook?.headers ?? {})];
  return values.filter((v) => v.length >= 4);
}
