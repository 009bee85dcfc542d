import { useEffect, useRef, type ReactNode } from "react";
import { Icon } from "./icon";

/** Back button and title of a screen opened from a tab (wizard, form, least privilege). */
export function SubHeader({ title, backLabel, onBack, children }: { title: string; backLabel: string; onBack: () => void; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus moves into the screen that opened (its title), unless something in it already took
  // focus (a confirmation panel, a field).
  useEffect(() => {
    const active = document.activeElement;
    const screen = heading.current?.closest("section, [role=region]");
    if (!screen || (active && active !== document.body && screen.contains(active))) return;
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="sub-header">
      <button type="button" className="back-button" onClick={onBack} aria-label={`Back to ${backLabel}`}>
        <Icon name="back" />
        <span>{backLabel}</span>
      </button>
      <h2 ref={heading} className="sub-title" tabIndex={-1} title={title}>
        {title}
      </h2>
      {children}
    </div>
  );
}
