// What a stored Jamf Pro secret is bound to: the exact origin (scheme, host, port) and identity
// (auth kind and client id or user name) it was typed for. The core enforces the rule next to the
// Keychain (src/core/store/secret-binding-store.ts); the renderer uses the same comparison only to
// ask for the secret before the core would refuse. Pure, so both sides compare the same way.

export type JamfAuthIdentity = { kind: "api-client"; clientId: string } | { kind: "basic"; username: string };

export interface JamfSecretBinding {
  /** URL origin, e.g. "https://acme.jamfcloud.com" or "http://127.0.0.1:8443". */
  origin: string;
  authKind: JamfAuthIdentity["kind"];
  /** Client id (exact) or user name (lower case: Jamf Pro compares user names without case). */
  identity: string;
}

/** What changed between where a secret was stored for and where it would be sent. */
export type BindingChange = "address" | "sign-in method" | "client id" | "user name";

/** The origin of an address, or null when it is not a URL. */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

export function jamfSecretBinding(target: { jamfUrl: string; jamfAuth: JamfAuthIdentity }): JamfSecretBinding {
  const auth = target.jamfAuth;
  return {
    origin: originOf(target.jamfUrl) ?? `invalid:${target.jamfUrl}`,
    authKind: auth.kind,
    identity: auth.kind === "api-client" ? auth.clientId.trim() : auth.username.trim().toLowerCase(),
  };
}

/** The first thing that differs, or null when the secret may be used as it is. */
export function bindingChange(stored: JamfSecretBinding, wanted: JamfSecretBinding): BindingChange | null {
  if (stored.origin !== wanted.origin) return "address";
  if (stored.authKind !== wanted.authKind) return "sign-in method";
  if (stored.identity !== wanted.identity) return wanted.authKind === "api-client" ? "client id" : "user name";
  return null;
}

/** "Enter the client secret again for the new address." — the same words in the core's refusal and the form. */
export function reenterSecretMessage(kind: JamfAuthIdentity["kind"], change: BindingChange): string {
  const what = kind === "api-client" ? "client secret" : "password";
  return `Enter the ${what} again for the new ${change}.`;
}
