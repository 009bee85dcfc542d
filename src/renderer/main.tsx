// Entry point: wait for window.cdp, then render the popover (or explain why it cannot).
import "./lib/zod-jitless";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/app";
import { BridgeMissing } from "./components/bridge-missing";
import { LoadingLine } from "./components/loading-line";
import { waitForBridge } from "./lib/bridge";
import { BridgeContext } from "./lib/bridge-context";
import "./styles/base.css";
import "./styles/controls.css";
import "./styles/layout.css";
import "./styles/cards.css";
import "./styles/wizard.css";
import "./styles/forms.css";

/** How long to wait for a bridge that is injected after this script starts (the preview). */
const BRIDGE_WAIT_MS = 5000;

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
const root = createRoot(container);
root.render(<LoadingLine text="Starting…" />);

void waitForBridge(BRIDGE_WAIT_MS).then((bridge) => {
  root.render(
    <StrictMode>
      {bridge ? (
        <BridgeContext.Provider value={bridge}>
          <App />
        </BridgeContext.Provider>
      ) : (
        <BridgeMissing />
      )}
    </StrictMode>,
  );
});
