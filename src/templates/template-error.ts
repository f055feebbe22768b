/** A template failed while rendering (a helper rejected its input, or JSONata raised an error). */
export class TemplateError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "TemplateError";
    this.code = code;
  }
}

/** A template that does not compile; `offset` is where in the template text it went wrong. */
export class TemplateSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = "TemplateSyntaxError";
    this.offset = offset;
  }
}
