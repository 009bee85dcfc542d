// Bundled into an init script: installs the fake as window.cdp before the renderer starts.
// The scenario comes from window.__fakeScenario, set by an init script that runs just before.
import "./zod-jitless";
import { createFakeBridge, type FakeControl } from "./fake-bridge";
import type { FakeScenario } from "./fake-scenario";

declare global {
  interface Window {
    __fakeScenario?: FakeScenario;
    __fakeCdp?: FakeControl;
    __fakeNoBridge?: boolean;
  }
}

const scenario = window.__fakeScenario;
if (scenario && !window.__fakeNoBridge) {
  const { bridge, control } = createFakeBridge(scenario);
  window.cdp = bridge;
  window.__fakeCdp = control;
}
