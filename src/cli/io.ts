// The streams and environment the CLI runs with, passed in so main() can run in-process too.

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface InStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homeDir: string;
}

export async function processIo(): Promise<CliIo> {
  const { homedir } = await import("node:os");
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    platform: process.platform,
    homeDir: homedir(),
  };
}
