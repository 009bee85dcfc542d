import { createContext, useContext } from "react";
import type { CdpBridge } from "../../shared/ipc-contract";

export const BridgeContext = createContext<CdpBridge | null>(null);

/** The typed window.cdp object; components never read window.cdp directly. */
export function useBridge(): CdpBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error("useBridge() outside <BridgeContext.Provider>");
  return bridge;
}
