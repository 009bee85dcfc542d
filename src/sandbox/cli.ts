// `npm run sandbox`: starts the sandbox world (AWS + Jamf Pro peers) on this computer, prints how
// to point the app and the CLI at it, and stops cleanly on Ctrl-C / SIGTERM.
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { maskKeyId } from "../shared/mask";
import { CONTROL_ENDPOINTS } from "./jamf/jamf-control-api";
import type { SandboxWorld } from "./sandbox-types";
import { SANDBOX_CDP_KEY_AGE_DAYS, startSandbox, type SandboxOptions } from "./world";

const DEFAULT_AWS_PORT = 4566;
const DEFAULT_JAMF_PORT = 8443;
const DEFAULT_PROPAGATION_MS = 2000;
const DEFAULT_UPLOAD_INTERVAL_MS = 60_000;

const USAGE = `Usage: npm run sandbox -- [options]

Options:
  --aws-port PORT          AWS peer port (default ${DEFAULT_AWS_PORT}, a random free port if taken; 0 = random)
  --jamf-port PORT         Jamf Pro peer port (default ${DEFAULT_JAMF_PORT}, a random free port if taken; 0 = random)
  --latency MS             extra latency on every request (default 0)
  --propagation-ms MS      new AWS keys are refused for MS, then flaky for 2×MS more (default ${DEFAULT_PROPAGATION_MS}; 0 = off)
  --upload-interval MS     Jamf Pro's package upload with the CDP key every MS (default ${DEFAULT_UPLOAD_INTERVAL_MS}; 0 = off)
  -h, --help               show this help`;

class UsageError extends Error {}

interface CliOptions {
  awsPort: number | null;
  jamfPort: number | null;
  latencyMs: number;
  propagationMs: number;
  uploadIntervalMs: number;
  help: boolean;
}

function integer(flag: string, text: string | undefined, max: number): number | null {
  if (text === undefined) return null;
  if (!/^\d+$/.test(text.trim()) || Number(text) > max) throw new UsageError(`${flag} needs a whole number from 0 to ${max} (got "${text}").`);
  return Number(text);
}

function parseSandboxArgs(argv: string[]): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        "aws-port": { type: "string" },
        "jamf-port": { type: "string" },
        latency: { type: "string" },
        "propagation-ms": { type: "string" },
        "upload-interval": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new UsageError(text.replace(/\. To specify a positional argument.*$/s, "."));
  }
  const str = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  return {
    awsPort: integer("--aws-port", str("aws-port"), 65535),
    jamfPort: integer("--jamf-port", str("jamf-port"), 65535),
    latencyMs: integer("--latency", str("latency"), 60_000) ?? 0,
    propagationMs: integer("--propagation-ms", str("propagation-ms"), 600_000) ?? DEFAULT_PROPAGATION_MS,
    uploadIntervalMs: integer("--upload-interval", str("upload-interval"), 86_400_000) ?? DEFAULT_UPLOAD_INTERVAL_MS,
    help: values.help === true,
  };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** An explicit port must be free; a default one falls back to a random port. */
async function choosePort(explicit: number | null, fallbackDefault: number, flag: string): Promise<number> {
  if (explicit !== null) {
    if (explicit !== 0 && !(await portIsFree(explicit))) {
      throw new UsageError(`Port ${explicit} (${flag}) is already in use. Choose another, or ${flag} 0 for a random free port.`);
    }
    return explicit;
  }
  return (await portIsFree(fallbackDefault)) ? fallbackDefault : 0;
}

function describe(world: SandboxWorld, options: CliOptions): string {
  const controlLines = CONTROL_ENDPOINTS.map((line) => `    ${line}`).join("\n");
  const exports = Object.entries(world.env)
    .map(([name, value]) => `  export ${name}='${value}'`)
    .join("\n");
  return `CDP Key Rotator sandbox is running.

  AWS (IAM, STS, S3)   ${world.aws.url}
  Jamf Pro             ${world.jamf.url}

Sandbox-only credentials (they exist only inside this sandbox and vanish when it stops):
  AWS admin key (IAM user cdp-admin)   ${world.admin.accessKeyId}
                                       ${world.admin.secretAccessKey}
  Jamf Pro API client ID               ${world.jamfClient.clientId}
  Jamf Pro API client secret           ${world.jamfClient.clientSecret}
  Jamf Pro's CDP holds the key ${maskKeyId(world.cdpKey.accessKeyId)} of IAM user ${world.cdpUser} (${SANDBOX_CDP_KEY_AGE_DAYS} days old).

Point the app and the CLI at the sandbox (paste into the shell you start them from):
${exports}

Knobs: latency ${options.latencyMs} ms; new keys refused for ${options.propagationMs} ms then flaky for ${options.propagationMs * 2} ms; Jamf Pro uploads ${options.uploadIntervalMs > 0 ? `every ${options.uploadIntervalMs / 1000} s` : "never"}.

Control API (JSON, this computer only):
  Jamf Pro: ${world.jamf.url}/_sandbox/...
${controlLines}
  AWS:      ${world.aws.url}/_sandbox/info lists its endpoints.
  Example:  curl -s -X POST -H 'content-type: application/json' -d '{"ms":5000}' ${world.jamf.url}/_sandbox/read-lag

Press Ctrl-C to stop.`;
}

async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseSandboxArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  let world: SandboxWorld;
  try {
    const sandboxOptions: SandboxOptions = {
      awsPort: await choosePort(options.awsPort, DEFAULT_AWS_PORT, "--aws-port"),
      jamfPort: await choosePort(options.jamfPort, DEFAULT_JAMF_PORT, "--jamf-port"),
      latencyMs: options.latencyMs,
      propagation: { refuseMs: options.propagationMs, flakyMs: options.propagationMs * 2 },
      uploadIntervalMs: options.uploadIntervalMs,
    };
    world = await startSandbox(sandboxOptions);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    const code = (error as { code?: unknown }).code;
    console.error(`The sandbox could not start: ${code === "EADDRINUSE" ? "a port is already in use; try --aws-port 0 --jamf-port 0" : error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  console.log(describe(world, options));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  console.log("\nStopping the sandbox...");
  await world.stop();
  console.log("Sandbox stopped.");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The sandbox failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
