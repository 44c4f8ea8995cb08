/** Stand-ins for stdout and stderr that keep what the CLI printed, for `runCli(argv, { out })`. */
export function captureOutput() {
  let stdout = "";
  let stderr = "";
  return {
    out: { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } },
    get stdout() { return stdout; },
    get stderr() { return stderr; },
  };
}
