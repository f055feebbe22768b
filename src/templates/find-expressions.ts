import { TemplateSyntaxError } from "./template-error.ts";

/** One `{{ expr }}` in a template text: the expression and where it starts in the text. */
export interface ExpressionSpan {
  /** index of the opening `{{` */
  start: number;
  /** index just after the closing `}}` */
  end: number;
  /** the JSONata source between the braces, as written */
  expression: string;
  /** index of the first character of `expression` */
  expressionStart: number;
}

/**
 * Finds every `{{ ... }}` in a text. The scan follows JSONata's own strings and braces, so an
 * object constructor (`{{ {"a": {"b": 1}} }}`) or a `"}}"` inside a string does not end it early.
 */
export function findExpressions(text: string): ExpressionSpan[] {
  const spans: ExpressionSpan[] = [];
  let index = text.indexOf("{{");
  while (index !== -1) {
    const expressionStart = index + 2;
    const close = findClose(text, expressionStart);
    if (close === -1) throw new TemplateSyntaxError("unclosed {{: expected }}", index);
    const expression = text.slice(expressionStart, close);
    if (expression.trim() === "") throw new TemplateSyntaxError("empty {{ }}", index);
    spans.push({ start: index, end: close + 2, expression, expressionStart });
    index = text.indexOf("{{", close + 2);
  }
  return spans;
}

function findClose(text: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (quote !== undefined) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'" || char === "`") quote = char;
    else if (char === "{") depth++;
    else if (char === "}") {
      if (depth === 0 && text[i + 1] === "}") return i;
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}
