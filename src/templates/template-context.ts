/** What a template sees: the event's parts and the outputs of earlier actions. */
export interface TemplateContext {
  body: unknown;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  source: string;
  event: { id: string; received_at: string };
  steps: Record<string, unknown>;
}
