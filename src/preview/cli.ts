// `npm run preview [-- --temp] [-- --no-sandbox] [-- --port N]`: the full UI in any browser, served
// from 127.0.0.1 with the real core behind it, against a sandbox world of its own.
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { SecretStore } from "../core/ports";
import { DATA_DIR_ENV, resolveDataDir } from "../core/store/data-dir";
import { KeychainSecretStore } from "../core/store/keychain-secret-store";
import { MemorySecretStore } from "../core/store/memory-secret-store";
import { createConsoleLogger } from "../main/console-logger";
import { toErrorData } from "../shared/errors";
import { NEW_ADDRESS_HINT } from "./preview-notice-page";
import { startPreview, type PreviewHandle } from "./preview-server";

const HELP = `Usage: npm run preview -- [options]

Serves the CDP Key Rotator UI at http://127.0.0.1:PORT with the real core behind it.

  --temp             use a throwaway data folder (removed on exit) and keep secrets in memory
  --no-sandbox       do not start a local sandbox (also skipped when AWS_ENDPOINT_URL,
                     AWS_PROFILE or AWS_ACCESS_KEY_ID is set)
  --memory-secrets   keep secrets in memory instead of the Keychain / Secret Service
  --port N           listen on port N (default 5178; 0 picks a free one)
  -h, --help         show this help

Data folder: $${DATA_DIR_ENV} if set, else a "preview" folder inside the app's data folder.`;

async function main(argv: string[]): Promise<number> {
  // Electron ships a newer Node; on Node 20 the SDK's upgrade notice would only clutter the preview.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        temp: { type: "boolean", default: false },
        "no-sandbox": { type: "boolean", default: false },
        "memory-secrets": { type: "boolean", default: false },
        port: { type: "string", default: "5178" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${values.port}".`);
    return 2;
  }

  const env = process.env;
  const awsGiven = Boolean(env.AWS_ENDPOINT_URL || env.AWS_PROFILE || env.AWS_ACCESS_KEY_ID);
  const dataDir = values.temp ? undefined : env[DATA_DIR_ENV]?.trim() || join(resolveDataDir(env, process.platform, homedir()), "preview");
  const secretStore: SecretStore = values.temp || values["memory-secrets"] ? new MemorySecretStore() : await usableKeychain();
  const logger = createConsoleLogger(env.CDP_LOG_LEVEL === "debug" ? "debug" : "warn");

  const start = (p: number) =>
    startPreview({ port: p, temp: values.temp, dataDir, secretStore, sandbox: values["no-sandbox"] || awsGiven ? "none" : "start", env, logger });
  let preview;
  try {
    preview = await start(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE" && port !== 0) {
      console.log(`Port ${port} is busy; using a free one.`);
      preview = await start(0);
    } else {
      throw error;
    }
  }

  console.log(`\nCDP Key Rotator preview: ${preview.url}`);
  console.log("This address works once: the first page load opens a browser session and spends it.");
  console.log(`Data folder: ${preview.dataDir}${values.temp ? " (temporary)" : ""}`);
  if (preview.world) console.log(`Sandbox: AWS ${preview.world.aws.url}, Jamf Pro ${preview.world.jamf.url}. In the UI, choose "Try with the sandbox".`);
  if (secretStore instanceof MemorySecretStore) console.log("Secrets are kept in memory for this run only.");
  if (process.stdin.isTTY) offerNewAddresses(preview);
  else console.log("For another one-time address, start the preview again (its input is not a terminal, so Enter cannot ask for one).");
  console.log("Press Ctrl+C to stop.\n");

  await new Promise<void>((resolve) => {
    // `on`, not `once`: a second Ctrl+C while stopping must not kill the cleanup.
    const stop = () => resolve();
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await preview.stop();
  return 0;
}

/** Enter prints another one-time address (a second browser, or a tab that lost its session). */
function offerNewAddresses(preview: PreviewHandle): void {
  console.log(NEW_ADDRESS_HINT);
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", () => console.log(`New one-time address: ${preview.newAddress()}`));
}

/** The Keychain when it answers; otherwise memory, with a note (e.g. Linux without a Secret Service). */
async function usableKeychain(): Promise<SecretStore> {
  const keychain = new KeychainSecretStore();
  try {
    await keychain.get("preview-probe");
    return keychain;
  } catch {
    console.log("The Keychain / Secret Service is not available: secrets are kept in memory for this run.");
    return new MemorySecretStore();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const data = toErrorData(error);
    console.error(`The preview could not start: ${data.code === "INTERNAL" ? (data.details ?? data.message) : data.message}`);
    if (data.action) console.error(data.action);
    process.exit(1);
  },
);
