// Bundled into an init script: installs the fake as window.cdp before the renderer starts.
// The scenario comes from window.__fakeScenario, set by an init script that runs just before.
import "./zod-jitless";
import { createFakeBridge, type FakeControl } from "./fake-bridge";
import type { CdpBridge } from "../../../src/shared/ipc-contract";
import type { FakeScenario } from "./fake-scenario";

declare global {
  interface Window {
    __fakeScenario?: FakeScenario;
    __fakeCdp?: FakeControl;
    __fakeNoBridge?: boolean;
    /** With __fakeNoBridge: the bridge a test may install as window.cdp later. */
    __fakeBridgeLate?: CdpBridge;
  }
}

const scenario = window.__fakeScenario;
if (scenario) {
  const { bridge, control } = createFakeBridge(scenario);
  if (window.__fakeNoBridge) window.__fakeBridgeLate = bridge;
  else window.cdp = bridge;
  window.__fakeCdp = control;
}
