// What a Jamf Pro API client (or account) is and the two privileges its role needs, with Jamf's
// documentation of API roles and clients one click away.
import type { JamfAuth } from "../../shared/domain";
import { JAMF_API_ROLES_AND_CLIENTS_DOC_URL, JAMF_CDP_PRIVILEGES } from "../../shared/jamf-api-client";
import { ExternalLink } from "./external-link";

export function JamfAuthHint({ kind }: { kind: JamfAuth["kind"] }) {
  return (
    <div className="field-hint auth-hint" data-testid="auth-hint">
      <p>
        {kind === "api-client"
          ? "An API client is a sign-in for tools, made in Jamf Pro under Settings › System › API roles and clients. Give its API role these two privileges, nothing more:"
          : "A Jamf Pro account whose privilege set has these two privileges, nothing more (an API client is the better choice):"}
      </p>
      <ul className="auth-hint-privileges">
        {JAMF_CDP_PRIVILEGES.map((privilege) => (
          <li key={privilege}>{privilege}</li>
        ))}
      </ul>
      <p>
        <ExternalLink href={JAMF_API_ROLES_AND_CLIENTS_DOC_URL} label="Least privilege: Jamf Pro documentation of API roles and clients (opens in your browser)">
          Least privilege
        </ExternalLink>
        {" "}
        with API roles and clients, in the Jamf Pro documentation. The instance’s card shows the matching AWS policy.
      </p>
    </div>
  );
}
