/** Named sets of hmac defaults for signature styles many senders copy; any setting still overrides. */
export const HMAC_SCHEMES = {
  /** `Stripe-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`, several v1 while rotating. */
  stripe: {
    header: "stripe-signature",
    header_format: "t_v1",
    algorithm: "sha256",
    encoding: "hex",
    signed: "{timestamp}.{body}",
  },
  /** `Calendly-Webhook-Signature: t=<unix s>,v1=<hex HMAC-SHA256(key, t + "." + body)>`. */
  calendly: {
    header: "calendly-webhook-signature",
    header_format: "t_v1",
    algorithm: "sha256",
    encoding: "hex",
    signed: "{timestamp}.{body}",
  },
} as const;

export type HmacSchemeName = keyof typeof HMAC_SCHEMES;
