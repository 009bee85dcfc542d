#!/usr/bin/env node
// The `cdp-key-rotator` command. The CLI is TypeScript run through tsx, so `npx cdp-key-rotator`
// works right after `npm install` with no build step.
import { fileURLToPath } from "node:url";

// The AWS SDK warns on every run under Node 20 about its future Node 22 requirement; the CLI's
// output is for the admin's task, so that notice is left out (engines in package.json covers it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

let code = 1;
try {
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
  const { main } = await import("../src/cli/main.ts");
  code = await main(process.argv.slice(2));
} catch (error) {
  // Only reached when the CLI itself cannot load (main() reports every other failure).
  process.stderr.write(
    `Error: cdp-key-rotator could not start (${error instanceof Error ? error.message : String(error)}).\n` +
      "What to do: run `npm install` in the project folder and try again.\n",
  );
  code = 1;
}
// Let buffered output reach a pipe before exiting; open handles (keep-alive sockets) must not keep
// the command alive once it is done.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
process.exit(code);
