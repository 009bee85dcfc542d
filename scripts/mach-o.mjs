// Reads just enough of a Mach-O header to tell which CPUs a native module was built for, so a
// package cannot ship an arm64 Keychain binding in the x64 app (or a Linux .so in either).
const MH_MAGIC_64 = 0xfeedfacf;
const MH_MAGIC = 0xfeedface;
const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;
const CPU_TYPES = new Map([
  [0x01000007, "x64"],
  [0x0100000c, "arm64"],
  [7, "ia32"],
  [12, "arm"],
]);
const LOADABLE = new Map([
  [6, "dylib"],
  [8, "bundle"],
]);

/**
 * @param {Uint8Array} bytes the start of the file (at least 32 bytes; a fat header needs 8 + 20 per arch)
 * @returns {{ ok: true, cpus: string[], fileType: string | null } | { ok: false, reason: string }}
 */
export function readMachO(bytes) {
  if (bytes.length < 8) return { ok: false, reason: "the file is too short to be a Mach-O binary" };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const big = view.getUint32(0, false);
  if (big === FAT_MAGIC || big === FAT_MAGIC_64) {
    const count = view.getUint32(4, false);
    const entry = big === FAT_MAGIC ? 20 : 32;
    if (count === 0 || count > 16 || bytes.length < 8 + count * entry) return { ok: false, reason: "the universal header is damaged" };
    const cpus = [];
    for (let i = 0; i < count; i++) cpus.push(cpuName(view.getUint32(8 + i * entry, false)));
    return { ok: true, cpus, fileType: null };
  }
  const little = view.getUint32(0, true);
  if (little !== MH_MAGIC_64 && little !== MH_MAGIC) {
    return { ok: false, reason: `not a Mach-O binary (magic 0x${little.toString(16).padStart(8, "0")})` };
  }
  if (bytes.length < 16) return { ok: false, reason: "the Mach-O header is cut short" };
  const fileType = LOADABLE.get(view.getUint32(12, true)) ?? `type ${view.getUint32(12, true)}`;
  return { ok: true, cpus: [cpuName(view.getUint32(4, true))], fileType };
}

function cpuName(type) {
  return CPU_TYPES.get(type) ?? `cpu 0x${type.toString(16)}`;
}

/** A message when `bytes` is not a loadable Mach-O module for `cpu`; null when it is. */
export function machOProblem(bytes, cpu) {
  const header = readMachO(bytes);
  if (!header.ok) return header.reason;
  if (!header.cpus.includes(cpu)) return `built for ${header.cpus.join(" + ")}, not ${cpu}`;
  if (header.fileType !== null && header.fileType !== "dylib" && header.fileType !== "bundle") {
    return `a Mach-O ${header.fileType}, not a loadable module`;
  }
  return null;
}
