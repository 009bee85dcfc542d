// Questions to the person at the keyboard: yes/no confirmations, hidden secrets, MFA codes.
// Answers are read line by line from stdin, so a script (or a test) can answer through a pipe.
// Questions go to stderr, keeping stdout for results.
import type { CliIo } from "./io";

export class InputClosedError extends Error {
  constructor() {
    super("No more input: stdin was closed before an answer was given.");
    this.name = "InputClosedError";
  }
}

export class InterruptedError extends Error {
  constructor() {
    super("Interrupted.");
    this.name = "InterruptedError";
  }
}

/** Reads stdin one line at a time, only while someone is waiting for a line. */
export class LineReader {
  private buffer = "";
  private ended = false;
  private waiting: { resolve: (line: string | null) => void } | null = null;
  private attached = false;

  constructor(private readonly stdin: CliIo["stdin"]) {}

  readLine(): Promise<string | null> {
    const line = this.takeLine();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(this.flushRest());
    return new Promise((resolve) => {
      this.waiting = { resolve };
      this.attach();
      this.stdin.resume();
    });
  }

  /** Lets the process exit even if stdin stays open. */
  close(): void {
    if (!this.attached) return;
    this.stdin.removeListener("data", this.onData);
    this.stdin.removeListener("end", this.onEnd);
    this.stdin.pause();
    this.attached = false;
  }

  private attach(): void {
    if (this.attached) return;
    this.attached = true;
    this.stdin.on("data", this.onData);
    this.stdin.on("end", this.onEnd);
  }

  private readonly onData = (chunk: Buffer | string) => {
    this.buffer += chunk.toString();
    this.deliver();
  };

  private readonly onEnd = () => {
    this.ended = true;
    this.deliver();
  };

  private deliver(): void {
    if (!this.waiting) return;
    const line = this.takeLine();
    if (line === undefined && !this.ended) return;
    const { resolve } = this.waiting;
    this.waiting = null;
    this.stdin.pause();
    resolve(line ?? this.flushRest());
  }

  private takeLine(): string | undefined {
    const newline = this.buffer.indexOf("\n");
    if (newline === -1) return undefined;
    const line = this.buffer.slice(0, newline).replace(/\r$/, "");
    this.buffer = this.buffer.slice(newline + 1);
    return line;
  }

  private flushRest(): string | null {
    if (this.buffer === "") return null;
    const rest = this.buffer;
    this.buffer = "";
    return rest;
  }
}

export class Asker {
  readonly lines: LineReader;

  constructor(private readonly io: CliIo) {
    this.lines = new LineReader(io.stdin);
  }

  get interactive(): boolean {
    return this.io.stdin.isTTY === true;
  }

  /** Asks a yes/no question; only "y" or "yes" is yes. Throws InputClosedError when stdin ends. */
  async confirm(question: string): Promise<boolean> {
    for (;;) {
      this.io.stderr.write(`${question} [y/N] `);
      const answer = await this.lines.readLine();
      if (answer === null) {
        this.io.stderr.write("\n");
        throw new InputClosedError();
      }
      const word = answer.trim().toLowerCase();
      if (!this.interactive) this.io.stderr.write(`${answer.trim()}\n`);
      if (word === "y" || word === "yes") return true;
      if (word === "" || word === "n" || word === "no") return false;
      this.io.stderr.write("Please answer y or n.\n");
    }
  }

  /** Asks for a line of visible text (an MFA code). */
  async ask(question: string): Promise<string> {
    this.io.stderr.write(question);
    const answer = await this.lines.readLine();
    if (answer === null) throw new InputClosedError();
    return answer.trim();
  }

  /** Asks for a secret on a terminal without echoing it. Never called without a TTY. */
  async secret(question: string): Promise<string> {
    const stdin = this.io.stdin;
    if (!stdin.isTTY || !stdin.setRawMode) throw new InputClosedError();
    this.io.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    try {
      return await new Promise<string>((resolve, reject) => {
        let typed = "";
        const onData = (chunk: Buffer | string) => {
          for (const char of chunk.toString()) {
            if (char === "\r" || char === "\n" || char === "\u0004") {
              stdin.removeListener("data", onData);
              resolve(typed);
              return;
            }
            if (char === "\u0003") {
              stdin.removeListener("data", onData);
              reject(new InterruptedError());
              return;
            }
            if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
            else if (char >= " ") typed += char;
          }
        };
        stdin.on("data", onData);
      });
    } finally {
      stdin.setRawMode(false);
      stdin.pause();
      this.io.stderr.write("\n");
    }
  }

  close(): void {
    this.lines.close();
  }
}
