/** A condition that does not compile, with the path of the node (and key) in the condition. */
export class ConditionSyntaxError extends Error {
  readonly path: (string | number)[];
  /** True when the problem is the key itself (a JSONata path in a map). */
  readonly atKey: boolean;
  readonly offset: number;
  constructor(path: (string | number)[], message: string, atKey: boolean, offset = 0) {
    super(message);
    this.name = "ConditionSyntaxError";
    this.path = path;
    this.atKey = atKey;
    this.offset = offset;
  }
}
