// A link that leaves the app: a real <a> (role link, the address on hover, keyboard focus) whose
// activation asks the main process to open it in the default browser. Main opens only allow-listed
// https hosts; a refusal is shown next to the link in words.
import type { MouseEvent, ReactNode } from "react";
import { useCall } from "../hooks/use-call";
import { useBridge } from "../lib/bridge-context";

interface ExternalLinkProps {
  href: string;
  children: ReactNode;
  /** Accessible name when the visible text alone is too short; must start with the visible text. */
  label?: string;
}

export function ExternalLink({ href, children, label }: ExternalLinkProps) {
  const bridge = useBridge();
  const open = useCall((url: string) => bridge.app.openExternal({ url }));
  const activate = (event: MouseEvent<HTMLAnchorElement>) => {
    // Never navigate the popover itself (main would refuse anyway): main opens the browser.
    event.preventDefault();
    void open.run(href);
  };
  return (
    <>
      <a className="external-link" href={href} target="_blank" rel="noopener noreferrer" aria-label={label} onClick={activate} onAuxClick={activate}>
        {children}
      </a>
      {open.error ? (
        <span className="field-error external-link-error" role="status">
          {" "}
          {open.error.message} {open.error.action ?? ""}
        </span>
      ) : null}
    </>
  );
}
