// An error as a Mac admin should read it: what went wrong, what to do. Never a stack trace.
import type { ReactNode } from "react";
import type { AppErrorData } from "../../shared/errors";
import { Icon } from "./icon";
import { KeyIdText } from "./key-id-text";

interface ErrorNoticeProps {
  error: AppErrorData;
  title?: string;
  /** Buttons offered beside the message (Try again, Open settings…). */
  children?: ReactNode;
  compact?: boolean;
  /**
   * True (default) for an error that just happened: announced at once (role=alert). A standing
   * error shown on a card is part of the page, not news, so it is not a live region.
   */
  live?: boolean;
}

export function ErrorNotice({ error, title, children, compact = false, live = true }: ErrorNoticeProps) {
  return (
    <div className={`notice notice-danger${compact ? " notice-compact" : ""}`} role={live ? "alert" : undefined} data-error-code={error.code}>
      <Icon name="warning" className="notice-icon" />
      <div className="notice-body">
        {title ? <p className="notice-title">{title}</p> : null}
        <p className="notice-message"><KeyIdText text={error.message} /></p>
        {error.action ? <p className="notice-action"><KeyIdText text={error.action} /></p> : null}
        {error.details ? (
          <details className="notice-details">
            <summary>More info</summary>
            <p>{error.details}</p>
          </details>
        ) : null}
        {children ? <div className="notice-buttons">{children}</div> : null}
      </div>
    </div>
  );
}
