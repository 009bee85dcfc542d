// Playwright fixtures for the full flows: a sandbox world (local AWS + Jamf Pro peers) and the
// browser preview (the real core behind the loopback HTTP bridge) started in this worker for each
// test, on random ports, with a temporary data folder and secrets in memory. The preview can be
// restarted on the same world, data folder, secret store and port, as a host restart would.
// Everything the bridge sends to the page is recorded so tests can prove no secret crossed it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test as base, expect } from "@playwright/test";
import { MemorySecretStore } from "../../../src/core/store/memory-secret-store";
import { startPreview, type PreviewHandle } from "../../../src/preview/preview-server";
import type { SandboxWorld } from "../../../src/sandbox/sandbox-types";
import { startSandbox } from "../../../src/sandbox/world";
import { IPC_EVENT_CHANNELS } from "../../../src/shared/ipc-contract";
import { rendererBuiltOncePerRun } from "./renderer-once";

/** One body the preview sent towards the page. */
export interface BridgeMessage {
  kind: "ipc-response" | "event";
  /** The IPC channel path or the event channel. */
  channel: string;
  body: string;
}

export interface FlowHost {
  world: SandboxWorld;
  /** The running preview (replaced by restart()). */
  preview: PreviewHandle;
  dataDir: string;
  secretStore: MemorySecretStore;
  /** Folder whose `config` and `credentials` files are the AWS shared config the app reads. */
  awsConfigDir: string;
  /** Opens the preview in the page and waits until the app is up. */
  open(): Promise<void>;
  /**
   * Reloads the page. After a restart the tab's session is gone (the new host does not know it), so
   * this opens the new host's one-time address, as the admin would from the terminal.
   */
  reload(): Promise<void>;
  /** Stops the preview and starts a new one on the same world, data folder, secrets and port. */
  restart(): Promise<void>;
  /** Every IPC response body and event payload the bridge sent so far. */
  bridgeTraffic(): Promise<BridgeMessage[]>;
  /** Console errors and uncaught exceptions of the page. */
  pageErrors: string[];
}

interface WorkerFixtures {
  rendererDir: string;
}

// The AWS SDK reads its shared config paths and static keys from process.env; the test owns those
// variables while it runs so nothing from the machine leaks in, and puts them back afterwards.
const AWS_VARIABLES = [
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_IAM",
  "AWS_ENDPOINT_URL_STS",
  "AWS_ENDPOINT_URL_SSO",
  "AWS_ENDPOINT_URL_SSO_OIDC",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_EC2_METADATA_DISABLED",
  "JAMF_URL",
  "JAMF_CLIENT_ID",
  "JAMF_CLIENT_SECRET",
] as const;

function takeOverAwsEnvironment(awsConfigDir: string): { env: Record<string, string>; restore(): void } {
  const saved = new Map<string, string | undefined>(AWS_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of AWS_VARIABLES) delete process.env[name];
  const env: Record<string, string> = {
    HOME: awsConfigDir,
    AWS_CONFIG_FILE: join(awsConfigDir, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(awsConfigDir, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
  };
  process.env.AWS_CONFIG_FILE = env.AWS_CONFIG_FILE;
  process.env.AWS_SHARED_CREDENTIALS_FILE = env.AWS_SHARED_CREDENTIALS_FILE;
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  return {
    env,
    restore() {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}

export const test = base.extend<{ host: FlowHost }, WorkerFixtures>({
  rendererDir: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      await use(await rendererBuiltOncePerRun());
    },
    { scope: "worker", timeout: 180_000 },
  ],

  host: async ({ page, rendererDir }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), "cdp-flow-data-"));
    const awsConfigDir = await mkdtemp(join(tmpdir(), "cdp-flow-aws-"));
    const environment = takeOverAwsEnvironment(awsConfigDir);
    const secretStore = new MemorySecretStore();
    const world = await startSandbox();
    // IAM Identity Center (its OIDC and portal endpoints) is the sandbox's too, as IAM and STS are.
    for (const name of ["AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC"] as const) {
      environment.env[name] = world.aws.url;
      process.env[name] = world.aws.url;
    }
    const messages: BridgeMessage[] = [];
    const pending: Promise<void>[] = [];
    const pageErrors: string[] = [];
    let unsubscribe: (() => void)[] = [];
    /** While the host is down (restart, teardown) the page's requests to it fail by design. */
    let hostDown = false;
    /** A restart ends the tab's session: the next reload must open the new one-time address. */
    let restartedSinceOpen = false;

    const listen = (preview: PreviewHandle) => {
      unsubscribe = IPC_EVENT_CHANNELS.map((event) =>
        preview.services.onEvent(event, (payload) => {
          messages.push({ kind: "event", channel: event, body: JSON.stringify(payload) });
        }),
      );
    };
    const launch = async (port: number) => {
      const preview = await startPreview({
        port,
        dataDir,
        secretStore,
        sandbox: world,
        env: environment.env,
        rendererDir,
        buildRenderer: false,
      });
      listen(preview);
      return preview;
    };

    page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      // The bridge's event stream drops when the host stops or restarts; the browser logs that and
      // the app reconnects. A <meta> CSP cannot carry frame-ancestors; not a renderer fault.
      if (message.location().url.includes("/events") || hostDown || text.includes("frame-ancestors")) return;
      pageErrors.push(`console: ${text} (${message.location().url})`);
    });
    page.on("response", (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith("/ipc/")) return;
      pending.push(
        response.text().then(
          (body) => void messages.push({ kind: "ipc-response", channel: url.pathname, body }),
          () => undefined,
        ),
      );
    });

    let current: PreviewHandle | null = null;
    const cleanUp = async () => {
      hostDown = true;
      unsubscribe.forEach((off) => off());
      await current?.stop().catch(() => undefined);
      await world.stop().catch(() => undefined);
      environment.restore();
      await rm(dataDir, { recursive: true, force: true });
      await rm(awsConfigDir, { recursive: true, force: true });
    };

    let host: FlowHost;
    try {
      current = await launch(0);
      host = {
        world,
        preview: current,
        dataDir,
        secretStore,
        awsConfigDir,
        pageErrors,
        async open() {
          await page.goto(host.preview.newAddress());
          restartedSinceOpen = false;
          hostDown = false;
          await expect(page.getByRole("navigation", { name: "Views" })).toBeVisible();
        },
        async reload() {
          if (restartedSinceOpen) await page.goto(host.preview.newAddress());
          else await page.reload();
          restartedSinceOpen = false;
          hostDown = false;
          await expect(page.getByRole("navigation", { name: "Views" })).toBeVisible();
        },
        async restart() {
          const port = Number(new URL(host.preview.url).port);
          unsubscribe.forEach((off) => off());
          hostDown = true;
          await current?.stop();
          current = null;
          current = await launch(port);
          host.preview = current;
          restartedSinceOpen = true;
        },
        async bridgeTraffic() {
          await Promise.all(pending);
          return [...messages];
        },
      };
    } catch (error) {
      await cleanUp();
      throw error;
    }

    try {
      await use(host);
    } finally {
      await cleanUp();
    }
    expect(pageErrors, "the page logged errors or threw").toEqual([]);
  },
});

export { expect };
