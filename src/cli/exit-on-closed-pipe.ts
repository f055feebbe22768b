/**
 * Makes a stream whose reader went away (`botbridge schema | head -1`: head exits after one line)
 * end the process quietly, as a Unix tool does, instead of with an EPIPE stack trace. Any other
 * write error is still thrown.
 */
export function exitOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
  });
}
