// The one rule for a key nobody can depend on, shared by the stray key a lost CreateAccessKey
// answer leaves (create-key step) and the orphan an interrupted run leaves (status): Jamf Pro does
// not hold it (nor any other configured instance), and AWS never saw it used. Only such a key is
// ever offered for deletion without a rotation record that names it.
export interface KeyUse {
  accessKeyId: string;
  lastUsedDate: Date | null;
}

export function nothingDependsOn(key: KeyUse, heldByJamf: ReadonlySet<string>): boolean {
  return !heldByJamf.has(key.accessKeyId) && key.lastUsedDate === null;
}
