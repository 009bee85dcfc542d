// A private HOME and no inherited AWS settings for the AWS client integration tests: the
// developer's own ~/.aws and AWS_* variables never leak in, and the environment is put back after.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Set by the tests themselves (it only silences a warning), so it survives the clean-out. */
const KEEP = new Set(["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"]);

export interface IsolatedAwsEnv {
  readonly home: string;
  /** AWS_CONFIG_FILE, inside `home` (not written yet). */
  readonly configFile: string;
  /** AWS_SHARED_CREDENTIALS_FILE, inside `home` (not written yet). */
  readonly credentialsFile: string;
  /** Puts process.env back as it was and removes `home`. */
  restore(): Promise<void>;
}

/** Clears AWS_* from process.env and points HOME and the shared config/credentials files at a fresh temporary folder. */
export async function isolateAwsEnv(prefix: string): Promise<IsolatedAwsEnv> {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (name.startsWith("AWS_") && !KEEP.has(name)) delete process.env[name];
  const home = await mkdtemp(join(tmpdir(), prefix));
  const configFile = join(home, "aws-config");
  const credentialsFile = join(home, "aws-credentials");
  Object.assign(process.env, { HOME: home, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile });
  return {
    home,
    configFile,
    credentialsFile,
    async restore() {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
      await rm(home, { recursive: true, force: true });
    },
  };
}
