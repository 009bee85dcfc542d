// The one change the preview makes to the built index.html: `<script src="/bridge.js">` ahead of
// the app's module script, so window.cdp exists before the app starts. No inline script (the CSP
// forbids it) and no credential: the page's session is an HttpOnly cookie scripts cannot read.
export function injectBridge(html: string): string {
  const tags = `<script src="/bridge.js"></script>\n    `;
  const firstScript = html.search(/<script\b/i);
  if (firstScript !== -1) return html.slice(0, firstScript) + tags + html.slice(firstScript);
  const headEnd = html.search(/<\/head>/i);
  if (headEnd !== -1) return html.slice(0, headEnd) + tags + html.slice(headEnd);
  return tags + html;
}
