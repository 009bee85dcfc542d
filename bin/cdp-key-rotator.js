#!/usr/bin/env node
// The `cdp-key-rotator` command. The CLI is TypeScript run through tsx, so `npx cdp-key-rotator`
// works right after `npm install` with no build step.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
