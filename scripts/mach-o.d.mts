export type MachOHeader = { ok: true; cpus: string[]; fileType: string | null } | { ok: false; reason: string };
export function readMachO(bytes: Uint8Array): MachOHeader;
export function machOProblem(bytes: Uint8Array, cpu: string): string | null;
