import { DEFAULT_TIME_PICTURE } from "../templates/format-time.ts";

/**
 * The hand-written parts of docs/configuration.md: rules that live in code rather than in an
 * option's schema. Options, types and defaults never appear here; they come from the schemas.
 */
export const configDocProse = {
  intro: [
    "botbridge reads one file, `routes.yaml`: `./routes.yaml` unless `--config` or `BOTBRIDGE_CONFIG` names another. `botbridge check [file]` validates it and prints every problem at once as `FILE:LINE:COL: PATH: MESSAGE`; unknown keys are errors. `SIGHUP` reloads the file; a file with problems is reported and the last good rules stay. Complete files that pass `botbridge check` are in [examples/](../examples/).",
    "",
    "For completion and checking in editors (yaml-language-server), start the file with:",
    "",
    "```yaml",
    "# yaml-language-server: $schema=./schema/routes.schema.json",
    "```",
    "",
    "Each section below is one top-level key of the file: a table of its options, then an example. A path such as `targets.<name>.timeout` means the option `timeout` inside any entry of `targets`; `routes[].id` means `id` in each item of the `routes` list. The default column says **required** for an option that must be written.",
    "",
    "Values: a *duration* is `500ms`, `10s`, `5m`, `24h`, `7d`, or a number of seconds; a *size* is `512kb`, `1mb`, or a number of bytes; a *time zone* is an IANA name such as `Europe/Moscow` or `UTC`.",
  ],
  environment: [
    "Any value may take text from the environment, so secrets stay out of the file:",
    "",
    "- `${VAR}` is replaced by the variable's value. An unset or empty variable is a config problem reported at its own line and column.",
    "- `${VAR:-default}` uses `default` when the variable is unset or empty.",
    "- `$$` writes a literal `$`.",
    "- A plain (unquoted) value that is exactly one variable takes the type its text reads as: `port: ${PORT:-8080}` is a number, `dry_run: ${DRY_RUN:-true}` a boolean. A quoted value, or a variable inside other text, stays text.",
    "- Variables are replaced in values, not in keys, after the YAML is parsed, so a value from the environment never adds YAML structure.",
    "- Values taken from the environment under `targets`, `sources`, `admin` and `alerts` (except `chat_id`) are secrets (tokens, client secrets, header values), as are `alerts.channels.telegram.bot_token` and the alert webhook's header values however written, and are masked in logs, stored attempts, action outputs and error messages, as written and in every encoding they take on the wire (percent- and form-encoded, JSON-escaped, inside base64 as in Basic auth); addresses, kinds, time zones, numbers and switches are not.",
    "",
    "Some settings are also read from the environment directly, and win over the file:",
    "",
    "| variable | overrides | meaning |",
    "|---|---|---|",
    "| `BOTBRIDGE_CONFIG` | the file's path | The routes file, when `--config` is not given. |",
    "| `PORT` | `server.port` | Port to listen on. |",
    "| `BOTBRIDGE_DATABASE_URL` | `storage.url` | Where events and deliveries are kept: `sqlite:PATH` or `postgres://...`. |",
  ],
  conditions: [
    "A route's `when` and an action's `when` hold a condition. It is either a JSONata boolean expression (a string, e.g. `body.amount > 100`), or a map with exactly one operator. The paths are JSONata paths into what a template sees (`body`, `query`, `headers`, `source`, `event`; in an action's `when` also `steps`). Every path and regular expression is compiled when the file loads, so a mistake is a config problem. `botbridge explain` shows which condition failed and the value it saw.",
  ],
  templates: [
    "A value with `{{ expression }}` is a template: [JSONata](https://docs.jsonata.org/) rendered when the action runs (at dispatch time, so a retry renders again). A value that is exactly one `{{ expression }}` keeps the expression's type (number, object, list); text around it makes a string. Templates see:",
    "",
    "- `body`: the parsed request body (JSON, urlencoded with `a[b][c]` nesting, multipart, or text)",
    "- `query`: the query string, nested like a urlencoded body; `headers`: the request headers, by lower-case name",
    "- `source`: the source's name; `event.id`, `event.received_at`",
    "- `steps.<id>`: the output of an earlier action of the route that has that `id`",
    "",
    "Besides every JSONata function, templates and conditions can call:",
    "",
    "| helper | result |",
    "|---|---|",
    "| `$phone(value, country?)` | The phone number in E.164 (`+79991234567`) from a number as typed: masks such as `+7 (999) 123-45-67`, national numbers such as `8 999 123-45-67`, a `+` lost in a query string. `country` (two letters) is for numbers without a country code; it defaults to `templates.default_country`. Not a valid number: the delivery fails with `invalid_phone`. |",
    "| `$email(value)` | The address trimmed and in lower case. |",
    "| `$time(value, picture?, timezone?)` | A date or time (ISO 8601, `YYYY-MM-DD HH:mm:ss`, epoch seconds or milliseconds) written with `picture` (`YYYY`, `MM`, `DD`, `HH`, `mm`, `ss`, `SSS`, and `ZZ` for the offset such as `+03:00`; default `" +
      DEFAULT_TIME_PICTURE +
      "`) in `timezone` (default `templates.timezone`). A time without a zone is read as UTC. |",
    "",
    "Each helper returns nothing for a missing value, so an optional field stays empty rather than failing.",
  ],
};
