// The open MFA requests of main's Prompter: read once (a request may predate this window) and
// kept in step by "cdp:event:mfa".
import { useEffect, useState } from "react";
import type { MfaPrompt } from "../../shared/mfa";
import { useBridge } from "../lib/bridge-context";
import { safeCall } from "../lib/safe-call";
import { useBridgeEvent } from "./use-bridge-event";

export function useMfaRequests(): MfaPrompt[] {
  const bridge = useBridge();
  const [open, setOpen] = useState<MfaPrompt[]>([]);
  useBridgeEvent("cdp:event:mfa", (event) => {
    if (event.kind === "closed") setOpen((list) => list.filter((prompt) => prompt.requestId !== event.requestId));
    else setOpen((list) => (list.some((prompt) => prompt.requestId === event.requestId) ? list : [...list, { requestId: event.requestId, serial: event.serial, question: event.question }]));
  });
  useEffect(() => {
    let live = true;
    void safeCall(() => bridge.mfa.pending({})).then((result) => {
      if (!live || !result.ok) return;
      setOpen((list) => [...list, ...result.value.filter((prompt) => !list.some((known) => known.requestId === prompt.requestId))]);
    });
    return () => {
      live = false;
    };
  }, [bridge]);
  return open;
}
