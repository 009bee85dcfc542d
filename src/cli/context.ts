// What every command gets: the streams, styles, the asker, and the core (built on first use, so
// --help and usage errors never touch the data folder or the Keychain).
//
// Two doors into the same core, over the same data folder: `call` serves a channel of the app's
// CoreBackend (targets, status, audit, policy: one rule in one place for the app and the CLI), and
// `core()` gives the core services whose RotationEngine the rotation commands drive with a terminal
// confirm(step). A command uses one or the other, never both.
import { mfaQuestion } from "../core/aws/mfa-question";
import { createCoreBackend } from "../core/app/core-backend";
import type { CoreBackend, CoreChannel } from "../core/app/core-backend-types";
import { createCoreServices, type CoreServices } from "../core/app/core-services";
import { createFileLogger } from "../core/log/file-logger";
import { resolveLogDir } from "../core/log/log-dir";
import { scrubLogText } from "../core/log/log-line";
import { teeLogger } from "../core/log/tee-logger";
import { systemClock, type Clock, type Logger, type Prompter, type SecretStore } from "../core/ports";
import { createEnvProxyFetch, type EnvProxyFetch } from "../core/net/env-proxy-fetch";
import type { HttpFetch } from "../core/net/http-fetch";
import { ensureDataDir, resolveDataDir } from "../core/store/data-dir";
import { KeychainSecretStore } from "../core/store/keychain-secret-store";
import { MemorySecretStore } from "../core/store/memory-secret-store";
import { FileTargetStore } from "../core/store/target-store";
import { formatZodError } from "../core/store/validation-message";
import type { Target } from "../shared/domain";
import { AppError } from "../shared/errors";
import { ipcRequestSchemas, type IpcParsedRequest, type IpcRequest, type IpcResponses } from "../shared/ipc-contract";
import type { CliIo } from "./io";
import { Asker } from "./prompt";
import { colourEnabled, createStyle, type Style } from "./style";
import { assertSandboxTarget, resolveTarget } from "./target-choice";

export interface CliContext {
  io: CliIo;
  verbose: boolean;
  /** Styles for stdout and stderr (each stream decides colour for itself). */
  style: Style;
  errStyle: Style;
  asker: Asker;
  /** The Keychain (Secret Service on Linux); nothing is read until a command needs it. */
  secretStore: SecretStore;
  /** --no-keychain: secrets live in this process's memory only (local sandbox use). */
  noKeychain: boolean;
  clock: Clock;
  /** The CLI's HTTP transport (HTTPS_PROXY / NO_PROXY, extra roots), as the core uses it. */
  http: HttpFetch;
  /** The log file (and stderr with --verbose). */
  logger: Logger;
  out(text: string): void;
  err(text: string): void;
  /** One channel of the core backend, its request validated by the IPC schema as the app does. */
  call<C extends CoreChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponses[C]>;
  core(): Promise<CoreServices>;
  /** Every target, straight from the targets file. */
  targets(): Promise<Target[]>;
  /** The target named by --target, or the only one when there is exactly one. */
  target(name: string | undefined): Promise<Target>;
  dispose(): Promise<void>;
}

export function createContext(io: CliIo, options: { verbose: boolean; noColor: boolean; noKeychain?: boolean }): CliContext {
  const style = createStyle(colourEnabled(io.stdout, io.env, options.noColor));
  const errStyle = createStyle(colourEnabled(io.stderr, io.env, options.noColor));
  const asker = new Asker(io);
  const noKeychain = options.noKeychain === true;
  const secretStore: SecretStore = noKeychain ? new MemorySecretStore() : new KeychainSecretStore({ platform: io.platform });
  const clock = systemClock;
  let dataDir: Promise<string> | null = null;
  let services: Promise<CoreServices> | null = null;
  let backend: Promise<CoreBackend> | null = null;

  const stderrLogger: Logger = {
    log(level, message, fields) {
      if (!options.verbose) return;
      const extra = fields
        ? Object.entries(fields)
            .map(([key, value]) => `${key}=${String(value)}`)
            .join(" ")
        : "";
      io.stderr.write(errStyle.dim(scrubLogText(`[${level}] ${message}${extra ? ` ${extra}` : ""}`)) + "\n");
    },
  };
  // Every run also leaves its lines in the log folder the app uses (cli-<day>.log), created on
  // the first line, so --help and usage errors write nothing.
  const fileLogger = createFileLogger({
    dir: resolveLogDir(io.env, io.platform, io.homeDir),
    writer: "cli",
    clock,
    minLevel: options.verbose || io.env.CDP_LOG_LEVEL === "debug" ? "debug" : "info",
    onError: (problem) => stderrLogger.log("warn", problem),
  });
  const logger = teeLogger(fileLogger, stderrLogger);
  const prompter: Prompter = {
    mfaCode: (serial) => asker.ask(`${mfaQuestion(serial)}\nMFA code: `),
  };
  // Built on first use, like the core: HTTPS_PROXY / NO_PROXY and extra roots for Jamf Pro and AWS.
  let network: EnvProxyFetch | null = null;
  const transport = (): EnvProxyFetch => {
    if (network) return network;
    network = createEnvProxyFetch({ env: io.env });
    const shown = network.describe();
    if (shown.httpsProxy || shown.httpProxy) {
      logger.log("debug", "Using a proxy", { httpsProxy: shown.httpsProxy, httpProxy: shown.httpProxy, noProxy: shown.noProxy });
    }
    return network;
  };
  const folder = () => (dataDir ??= ensureDataDir(resolveDataDir(io.env, io.platform, io.homeDir)));
  const deps = async () => ({ dataDir: await folder(), secretStore, clock, logger, prompter, env: io.env, platform: io.platform, via: "cli" as const, fetch: transport().fetch });

  const context: CliContext = {
    io,
    verbose: options.verbose,
    style,
    errStyle,
    asker,
    secretStore,
    noKeychain,
    clock,
    http: (url, init) => transport().fetch(url, init),
    logger,
    out: (text) => void io.stdout.write(text),
    err: (text) => void io.stderr.write(text),
    async call(channel, request) {
      const parsed = ipcRequestSchemas[channel].safeParse(request);
      if (!parsed.success) {
        throw new AppError({ code: "INVALID_INPUT", message: formatZodError(parsed.error), action: "Correct the options named above and try again." });
      }
      const api = await (backend ??= deps().then((d) => createCoreBackend(d)));
      // Indexing the backend by a generic channel loses the pairing of request and handler.
      const handler = api[channel] as unknown as (request: IpcParsedRequest<typeof channel>) => Promise<IpcResponses[typeof channel]>;
      return handler(parsed.data as IpcParsedRequest<typeof channel>);
    },
    core() {
      return (services ??= deps().then((d) => createCoreServices(d)));
    },
    async targets() {
      return new FileTargetStore({ dataDir: await folder(), clock }).list();
    },
    async target(name) {
      const target = resolveTarget(await context.targets(), name);
      if (noKeychain) assertSandboxTarget(target);
      return target;
    },
    async dispose() {
      asker.close();
      const closing: Promise<unknown>[] = [];
      if (services) closing.push(services.then((s) => s.dispose()));
      if (backend) closing.push(backend.then((b) => b.dispose()));
      await Promise.allSettled(closing);
      fileLogger.close();
      await network?.close().catch(() => undefined);
    },
  };
  return context;
}
