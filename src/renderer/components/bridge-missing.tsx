// Shown when window.cdp never appeared: the page was opened outside the app or the preview.
export function BridgeMissing() {
  return (
    <main className="fatal" role="alert" aria-labelledby="fatal-title">
      <h1 id="fatal-title">CDP Key Rotator can’t reach the app</h1>
      <p>This window has no connection to the part of the app that talks to AWS and Jamf Pro, so it cannot show your keys.</p>
      <p className="fatal-action">
        Open CDP Key Rotator from its menu-bar icon. If you are using the browser preview, start it with <code>npm run preview</code> and open the address it prints.
      </p>
    </main>
  );
}
