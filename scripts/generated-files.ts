import { createActions } from "../src/actions/actions.ts";
import { createOpenApi } from "../src/admin/api/create-openapi.ts";
import { renderApiDoc } from "../src/admin/api/render-api-doc.ts";
import { renderActionsDoc } from "../src/actions/render-actions-doc.ts";
import { createJsonSchema } from "../src/config/create-json-schema.ts";
import { renderConfigDoc } from "../src/config/render-config-doc.ts";
import { PRESETS } from "../src/sources/presets/presets.ts";
import { renderSourcesDoc } from "../src/sources/render-sources-doc.ts";

/** Every generated file of the repository, by path, with the content it must have. */
export function generatedFiles(): Record<string, string> {
  const actions = createActions();
  return {
    "schema/routes.schema.json": `${JSON.stringify(createJsonSchema(actions), null, 2)}\n`,
    "docs/actions.md": renderActionsDoc(actions),
    "docs/api.md": renderApiDoc(),
    "docs/openapi.json": `${JSON.stringify(createOpenApi(), null, 2)}\n`,
    "docs/configuration.md": renderConfigDoc(actions),
    "docs/sources.md": renderSourcesDoc(PRESETS),
  };
}
