export const DARWIN_CPUS: readonly string[];
export function bindingPackage(cpu: string): string;
export function bindingFile(dir: string): string | null;
export function checkBindingDir(dir: string, cpu: string, version?: string): string | null;
export function fetchBinding(cpu: string, version: string, options: { cacheDir: string; dest: string }): void;
export function requiredVersion(root: string): string;
export function ensureBindings(root: string, options?: { cacheDir?: string; log?: (line: string) => void }): void;
