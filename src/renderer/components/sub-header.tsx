import type { ReactNode } from "react";
import { Icon } from "./icon";

/** Back button and title of a screen opened from a tab (wizard, form, least privilege). */
export function SubHeader({ title, backLabel, onBack, children }: { title: string; backLabel: string; onBack: () => void; children?: ReactNode }) {
  return (
    <div className="sub-header">
      <button type="button" className="back-button" onClick={onBack} aria-label={`Back to ${backLabel}`}>
        <Icon name="back" />
        <span>{backLabel}</span>
      </button>
      <h2 className="sub-title">{title}</h2>
      {children}
    </div>
  );
}
