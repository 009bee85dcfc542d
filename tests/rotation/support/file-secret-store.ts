// A SecretStore kept in a JSON file outside the data folder: the crash tests' fallback when no
// Secret Service is running, so a pending key survives the killed process as it would in the
// Keychain. Test-only; real secrets never go to a file.
import { readFile } from "node:fs/promises";
import type { SecretStore } from "../../../src/core/ports";
import { writeJsonAtomic } from "../../../src/core/store/atomic-file";

export class FileSecretStore implements SecretStore {
  constructor(private readonly path: string) {}

  async get(account: string): Promise<string | null> {
    return (await this.read())[account] ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    const items = await this.read();
    items[account] = secret;
    await writeJsonAtomic(this.path, items);
  }

  async delete(account: string): Promise<boolean> {
    const items = await this.read();
    if (!(account in items)) return false;
    delete items[account];
    await writeJsonAtomic(this.path, items);
    return true;
  }

  private async read(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await readFile(this.path, "utf8")) as Record<string, string>;
    } catch {
      return {};
    }
  }
}
