// `npm run sandbox` as a person runs it: bad flags get a clear message and exit 2; a good run
// prints the URLs, the sandbox-only credentials and the export lines, serves the control API and
// stops cleanly on SIGTERM.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = ["--import", "tsx", "src/sandbox/cli.ts"];

describe("npm run sandbox", () => {
  for (const args of [["--bogus"], ["--latency", "soon"], ["--aws-port", "70000"], ["extra"]]) {
    it(`refuses ${args.join(" ")} with a message and exit code 2`, () => {
      const run = spawnSync(process.execPath, [...cli, ...args], { cwd: root, encoding: "utf8", timeout: 30_000 });
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /Usage: npm run sandbox/);
      assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace");
    });
  }

  it("starts, prints how to use it, serves the control API and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [...cli, "--aws-port", "0", "--jamf-port", "0", "--propagation-ms", "0", "--upload-interval", "0"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      for (let i = 0; i < 300 && !out.includes("Press Ctrl-C"); i += 1) await new Promise((r) => setTimeout(r, 50));
      assert.match(out, /Sandbox-only credentials/);
      const jamfUrl = /export JAMF_URL='([^']+)'/.exec(out)?.[1];
      const keyId = /export AWS_ACCESS_KEY_ID='([^']+)'/.exec(out)?.[1];
      assert.ok(jamfUrl && keyId, out);
      for (const name of ["AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_STS", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "JAMF_CLIENT_ID", "JAMF_CLIENT_SECRET"]) {
        assert.match(out, new RegExp(`export ${name}='`));
      }
      const state = (await (await fetch(`${jamfUrl}/_sandbox/state`)).json()) as { cdp: { cdnType: string } };
      assert.equal(state.cdp.cdnType, "AMAZON_S3");
    } finally {
      child.kill("SIGTERM");
    }
    assert.equal(await exited, 0);
    assert.match(out, /Sandbox stopped\./);
  });
});
