// The engine's view of the Keychain item that holds a new key's secret until Jamf Pro has proven
// it (store/PendingKeyVault implements it). The only copy of the secret outside AWS's answer.

export interface PendingKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface PendingKeyStore {
  put(targetId: string, key: PendingKey): Promise<void>;
  get(targetId: string): Promise<PendingKey | null>;
  remove(targetId: string): Promise<unknown>;
}
