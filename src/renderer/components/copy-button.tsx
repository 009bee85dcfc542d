// Copies text to the clipboard; when the system refuses, selects the text and says how to copy it.
import { useState, type RefObject } from "react";
import { copyText, selectContents } from "../lib/clipboard";
import { Icon } from "./icon";

interface CopyButtonProps {
  text: string;
  label: string;
  /** The element showing the text, selected as a fallback. */
  source: RefObject<HTMLElement | null>;
}

export function CopyButton({ text, label, source }: CopyButtonProps) {
  const [outcome, setOutcome] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    const ok = await copyText(text);
    if (!ok && source.current) selectContents(source.current);
    setOutcome(ok ? "copied" : "failed");
  };
  return (
    <span className="copy">
      <button type="button" className="button button-small" onClick={() => void copy()} aria-label={label}>
        <Icon name={outcome === "copied" ? "check" : "copy"} /> {outcome === "copied" ? "Copied" : "Copy"}
      </button>
      <span className="copy-status" role="status">
        {outcome === "failed" ? "Couldn’t copy automatically: the text is selected, press ⌘C." : ""}
      </span>
    </span>
  );
}
