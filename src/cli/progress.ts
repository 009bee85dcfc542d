// Live progress while the rotation waits (AWS propagation, Jamf Pro's refresh): one line that
// updates in place on a terminal, plain lines (only when the text changes) otherwise.
import type { OutStream } from "./io";

export class ProgressLine {
  private shown = "";
  private lastPlain = "";

  constructor(private readonly out: OutStream) {}

  private get live(): boolean {
    return this.out.isTTY === true;
  }

  update(message: string): void {
    if (this.live) {
      const width = Math.max(20, (this.out.columns || 80) - 1);
      const text = message.length > width ? `${message.slice(0, width - 1)}…` : message;
      this.out.write(`\r\u001b[2K${text}`);
      this.shown = text;
      return;
    }
    if (message === this.lastPlain) return;
    this.lastPlain = message;
    this.out.write(`  … ${message}\n`);
  }

  /** Removes the live line so ordinary output can follow. */
  clear(): void {
    if (this.live && this.shown !== "") this.out.write("\r\u001b[2K");
    this.shown = "";
    this.lastPlain = "";
  }
}
