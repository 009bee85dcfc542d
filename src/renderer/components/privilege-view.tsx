// Least privilege for one target: the IAM policy its admin identity needs and the Jamf Pro API
// role privileges, ready to paste.
import { useRef } from "react";
import type { TargetStatus } from "../../shared/domain";
import { useLoad } from "../hooks/use-call";
import { useBridge } from "../lib/bridge-context";
import { CopyButton } from "./copy-button";
import { ErrorNotice } from "./error-notice";
import { LoadingLine } from "./loading-line";
import { SubHeader } from "./sub-header";

interface PrivilegeViewProps {
  targetId: string;
  status: TargetStatus | null;
  onClose: () => void;
}

export function PrivilegeView({ targetId, status, onClose }: PrivilegeViewProps) {
  const bridge = useBridge();
  const policy = useLoad(() => bridge.policy.get({ targetId }), targetId);
  const policyRef = useRef<HTMLPreElement>(null);
  const privilegesRef = useRef<HTMLUListElement>(null);
  const name = status?.name ?? "this instance";
  const value = policy.value;

  return (
    <section className="privilege" aria-label={`Least privilege for ${name}`}>
      <SubHeader title={`Least privilege · ${name}`} backLabel="Overview" onBack={onClose} />
      {policy.error ? (
        <ErrorNotice error={policy.error} title="Could not build the policy">
          <button type="button" className="button button-small" onClick={() => void policy.run()}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      {!value && !policy.error ? <LoadingLine text="Building the policy…" /> : null}
      {value ? (
        <>
          <div className="section-head">
            <h3>IAM policy for the admin identity</h3>
            <CopyButton text={value.iamPolicyJson} label="Copy IAM policy JSON" source={policyRef} />
          </div>
          <p className="hint">
            Attach it to the AWS identity this app signs in with{status?.iamUser ? ` to manage IAM user ${status.iamUser}` : ""}.
            It allows only what a rotation needs.
          </p>
          <pre ref={policyRef} className="code" tabIndex={0} aria-label="IAM policy JSON" data-testid="policy-json">
            {value.iamPolicyJson}
          </pre>
          <div className="section-head">
            <h3>Jamf Pro API role privileges</h3>
            <CopyButton text={value.jamfPrivileges.join("\n")} label="Copy Jamf Pro privileges" source={privilegesRef} />
          </div>
          <p className="hint">Give the API client’s role (or the user) exactly these privileges.</p>
          <ul ref={privilegesRef} className="privileges">
            {value.jamfPrivileges.map((privilege) => (
              <li key={privilege}>{privilege}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
