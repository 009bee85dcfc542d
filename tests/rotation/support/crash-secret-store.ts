// The secret store the crash tests share between the parent and its child processes: the real
// Keychain (Secret Service) under a throwaway service name when one is running (npm test starts
// one), otherwise a file outside the data folder. Described by a string passed in the environment.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { SecretStore } from "../../../src/core/ports";
import { KeychainSecretStore } from "../../../src/core/store/keychain-secret-store";
import { FileSecretStore } from "./file-secret-store";

export function openSecretStore(spec: string): SecretStore {
  const [kind, value] = [spec.slice(0, spec.indexOf(":")), spec.slice(spec.indexOf(":") + 1)];
  if (kind === "keychain") return new KeychainSecretStore({ service: value });
  if (kind === "file") return new FileSecretStore(value);
  throw new Error(`Unknown secret store spec ${spec}`);
}

/** A Keychain store if the Secret Service answers, else a file store in `scratchDir`. */
export async function chooseSecretStore(scratchDir: string): Promise<{ spec: string; store: SecretStore; kind: "keychain" | "file" }> {
  const service = `CDP Key Rotator crash test ${randomUUID()}`;
  const keychain = new KeychainSecretStore({ service });
  try {
    await keychain.set("probe", "probe-value");
    const back = await keychain.get("probe");
    await keychain.delete("probe");
    if (back === "probe-value") return { spec: `keychain:${service}`, store: keychain, kind: "keychain" };
  } catch {
    // no Secret Service here
  }
  const path = join(scratchDir, "secrets.json");
  return { spec: `file:${path}`, store: new FileSecretStore(path), kind: "file" };
}
