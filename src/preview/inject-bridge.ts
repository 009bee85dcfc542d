// The one change the preview makes to the built index.html: a <meta> with the per-run token and
// `<script src="/bridge.js">` ahead of the app's module script, so window.cdp exists before the
// app starts. No inline script (the CSP forbids it).
export const TOKEN_META_NAME = "cdp-preview-token";

export function injectBridge(html: string, token: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error("The preview token must be URL-safe.");
  const tags = `<meta name="${TOKEN_META_NAME}" content="${token}">\n    <script src="/bridge.js"></script>\n    `;
  const firstScript = html.search(/<script\b/i);
  if (firstScript !== -1) return html.slice(0, firstScript) + tags + html.slice(firstScript);
  const headEnd = html.search(/<\/head>/i);
  if (headEnd !== -1) return html.slice(0, headEnd) + tags + html.slice(headEnd);
  return tags + html;
}
