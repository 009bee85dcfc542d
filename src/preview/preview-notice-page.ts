// The page the preview serves instead of the app when a request has no valid session: it says why
// and what to do, and carries nothing that could drive the preview (no token, no bridge script).
export type PreviewNotice = "no-session" | "stale-session" | "spent-token";

export const NOTICE_STYLESHEET_PATH = "/preview-notice.css";

/** Same words as the CLI's hint, so the admin recognizes the key to press. */
export const NEW_ADDRESS_HINT = "Press Enter in the terminal that runs the preview to print a new one-time address.";

const NOTICES: Record<PreviewNotice, { title: string; lines: string[] }> = {
  "no-session": {
    title: "Open the preview from the address the terminal printed",
    lines: [
      "The preview only opens from the one-time address that `npm run preview` (or `npm start`) printed in its terminal. It ends in ?token=….",
      "Copy that address from the terminal and open it in this tab.",
      NEW_ADDRESS_HINT,
    ],
  },
  "stale-session": {
    title: "The preview restarted: open the new address",
    lines: [
      "This tab belongs to an earlier run of the preview, so it can no longer reach it.",
      "Copy the address the terminal printed when the preview started again (it ends in ?token=…) and open it in this tab.",
      NEW_ADDRESS_HINT,
    ],
  },
  "spent-token": {
    title: "This address was already used",
    lines: [
      "Each address the preview prints opens one browser session, once. This one was already opened, perhaps in another tab or browser.",
      NEW_ADDRESS_HINT,
    ],
  },
};

export function noticeTitle(notice: PreviewNotice): string {
  return NOTICES[notice].title;
}

export function renderNoticePage(notice: PreviewNotice): string {
  const { title, lines } = NOTICES[notice];
  const paragraphs = lines.map((line) => `    <p>${escapeHtml(line)}</p>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>CDP Key Rotator preview</title>
  <link rel="stylesheet" href="${NOTICE_STYLESHEET_PATH}">
</head>
<body>
  <main class="notice" data-preview-notice="${notice}">
    <h1>${escapeHtml(title)}</h1>
${paragraphs}
  </main>
</body>
</html>
`;
}

export const NOTICE_STYLESHEET = `body { margin: 0; font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", sans-serif; color: #1d1d1f; background: #f5f5f7; }
.notice { max-width: 34rem; margin: 12vh auto; padding: 1.5rem 1.75rem; background: #fff; border-radius: 12px; box-shadow: 0 1px 4px rgb(0 0 0 / 12%); }
.notice h1 { font-size: 1.25rem; margin: 0 0 0.75rem; }
.notice p { margin: 0.5rem 0; }
@media (prefers-color-scheme: dark) { body { color: #f5f5f7; background: #1d1d1f; } .notice { background: #2c2c2e; } }
`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
