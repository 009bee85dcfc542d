// Last line of defence for "never a stack trace": an error thrown outside main()'s own try/catch
// (a stray callback, an unhandled rejection) is reported like any other failure, then exit 1.
import { toErrorData } from "../shared/errors";
import { EXIT } from "./exit-codes";
import type { CliIo } from "./io";
import { printErrorData } from "./report-error";
import { colourEnabled, createStyle } from "./style";

export function installCrashGuard(io: CliIo, options: { verbose: boolean; noColor: boolean }): void {
  const report = (error: unknown) => {
    const style = createStyle(colourEnabled(io.stderr, io.env, options.noColor));
    printErrorData(io.stderr, style, toErrorData(error), options.verbose);
    process.exit(EXIT.error);
  };
  process.on("uncaughtException", report);
  process.on("unhandledRejection", report);
}
