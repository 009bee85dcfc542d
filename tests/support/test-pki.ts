// A certificate authority made for one test run with the openssl CLI: its root, and server
// certificates it issues (trusted names, an expired one, one for another name), as an internal CA
// or a TLS-inspecting proxy would. Nothing here is ever trusted outside the test that made it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ServerCert {
  key: string;
  cert: string;
}

export interface TestPki {
  /** The root certificate (PEM) and where it is on disk, for NODE_EXTRA_CA_CERTS. */
  caPem: string;
  caFile: string;
  /** A server certificate the CA issues for these DNS names / IPs; days < 0 makes it already expired. */
  issue(names: { dns?: string[]; ip?: string[] }, days?: number): ServerCert;
  dispose(): void;
}

export const opensslAvailable = spawnSync("openssl", ["version"], { encoding: "utf8" }).status === 0;

function openssl(args: string[], cwd: string): void {
  const made = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (made.status !== 0) throw new Error(`openssl ${args[0]} failed: ${made.stderr}`);
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), "cdp-pki-"));
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  openssl(["req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=CDP Key Rotator Test Root CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], dir);
  let serial = 0;
  return {
    caPem: readFileSync(join(dir, "ca.pem"), "utf8"),
    caFile: join(dir, "ca.pem"),
    issue(names, days = 2) {
      serial += 1;
      const base = `server-${serial}`;
      const alt = [...(names.dns ?? []).map((n) => `DNS:${n}`), ...(names.ip ?? []).map((n) => `IP:${n}`)].join(",");
      writeFileSync(join(dir, `${base}.ext`), `subjectAltName=${alt}\nextendedKeyUsage=serverAuth\n`);
      openssl(["req", ...ec, "-keyout", `${base}.key`, "-out", `${base}.csr`, "-subj", `/CN=${names.dns?.[0] ?? names.ip?.[0] ?? "server"}`], dir);
      openssl(["x509", "-req", "-in", `${base}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", String(1000 + serial), "-out", `${base}.pem`, "-days", String(days), "-extfile", `${base}.ext`], dir);
      return { key: readFileSync(join(dir, `${base}.key`), "utf8"), cert: readFileSync(join(dir, `${base}.pem`), "utf8") };
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
