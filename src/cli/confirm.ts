import type { CliContext } from "./context";
import { InputClosedError } from "./prompt";

/** A yes/no question; no answer (stdin closed) counts as no. */
export async function confirmOrDecline(context: CliContext, question: string): Promise<boolean> {
  try {
    return await context.asker.confirm(question);
  } catch (error) {
    if (error instanceof InputClosedError) {
      context.err("No answer on stdin: taken as no. Use --yes to confirm without asking.\n");
      return false;
    }
    throw error;
  }
}
