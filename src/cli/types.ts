// A CLI verb: one file per verb under src/cli/, listed in src/cli/index.ts.
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface CliCommand {
  name: string;
  /** One line for `airlock --help`. */
  summary: string;
  /** Returns the process exit code. Must not call process.exit (tests run verbs in-process). */
  run(args: string[], io: CliIo): Promise<number>;
}
