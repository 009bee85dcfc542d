// Text from the core (step descriptions, results, messages) with each masked key id ("AKIA…7QXZ")
// kept on one line: Chromium may break a line after "…", which splits an id the admin compares
// with the AWS console. The text itself is unchanged (same textContent, same words as the CLI).
import { Fragment } from "react";

const MASKED_KEY_ID = /([A-Z0-9]{4}…[A-Z0-9]{4})/;

export function KeyIdText({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  const parts = text.split(MASKED_KEY_ID);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <span key={index} className="key-id">
            {part}
          </span>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}
