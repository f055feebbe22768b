import busboy from "busboy";
import { HttpError } from "../core/http-error.ts";
import { createPairNester } from "./create-pair-nester.ts";

/** What a file part becomes in the event: its name, type and size (the content is not kept). */
export interface FilePart {
  filename: string;
  mime_type: string;
  size: number;
}

/**
 * Parses a `multipart/form-data` body into its fields (bracket names nest as in urlencoded
 * bodies). File parts are described, not stored. Any malformed body (no boundary, a bad part
 * header, a part or the form cut off) is a 400 `invalid_body`: every stream busboy hands out gets
 * an error listener, so a failure never escapes as an uncaught exception.
 */
export function parseMultipart(
  raw: Buffer,
  contentType: string,
  depth: number,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const fields = createPairNester(depth);
    const files: [string, FilePart][] = [];
    const fail = (error: Error) =>
      reject(new HttpError(400, "invalid_body", `multipart body cannot be read: ${error.message}`));
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        // Whole names and values: a name cut at busboy's 100 bytes would nest differently.
        limits: {
          fieldNameSize: raw.length + 1,
          fieldSize: raw.length + 1,
          fields: Infinity,
          files: 100,
        },
        defParamCharset: "utf8",
      });
    } catch (error) {
      fail(error as Error);
      return;
    }
    parser.on("field", (name, value) => fields.add(name, value));
    parser.on("file", (name, stream, info) => {
      let size = 0;
      // A part cut off errors on this stream as well as on the parser.
      stream.on("error", fail);
      stream.on("data", (chunk: Buffer) => (size += chunk.length));
      stream.on("end", () =>
        files.push([name, { filename: info.filename ?? "", mime_type: info.mimeType, size }]),
      );
    });
    parser.on("error", fail);
    parser.on("close", () => {
      const parsed = fields.result();
      for (const [name, file] of files) if (name !== "__proto__") parsed[name] = file;
      resolve(parsed);
    });
    parser.end(raw);
  });
}
