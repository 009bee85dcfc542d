// Jamf Cloud is clustered behind a load balancer with sticky sessions (APBALANCEID). Sending the
// cookie back keeps PATCH, test-connection and the re-read on the same node.

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(setCookieHeaders: string[], now: Date): void {
    for (const header of setCookieHeaders) {
      const [pair, ...attributes] = header.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (isExpired(attributes, now)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string | null {
    if (this.cookies.size === 0) return null;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  clear(): void {
    this.cookies.clear();
  }
}

function isExpired(attributes: string[], now: Date): boolean {
  for (const attribute of attributes) {
    const [rawKey, ...rest] = attribute.split("=");
    const key = rawKey?.trim().toLowerCase();
    const value = rest.join("=").trim();
    if (key === "max-age" && Number(value) <= 0) return true;
    if (key === "expires") {
      const at = Date.parse(value);
      if (Number.isFinite(at) && at <= now.getTime()) return true;
    }
  }
  return false;
}
