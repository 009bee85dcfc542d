// Line icons drawn for the app (SF Symbols-like weight), coloured by currentColor.
import { assertNever } from "../../shared/errors";

export type IconName =
  | "refresh"
  | "check"
  | "cross"
  | "dot"
  | "spinner"
  | "skip"
  | "undo"
  | "warning"
  | "key"
  | "back"
  | "copy"
  | "download"
  | "plus"
  | "shield"
  | "clock"
  | "pause";

function paths(name: IconName) {
  switch (name) {
    case "refresh":
      return (
        <>
          <path d="M13.5 8a5.5 5.5 0 1 1-1.7-3.98" />
          <path d="M13.5 2.5v3h-3" />
        </>
      );
    case "check":
      return <path d="M3.5 8.5l3 3 6-7" />;
    case "cross":
      return <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />;
    case "dot":
      return <circle cx="8" cy="8" r="2.5" className="icon-fill" />;
    case "spinner":
      return <path d="M8 2.5a5.5 5.5 0 1 0 5.5 5.5" />;
    case "skip":
      return <path d="M3 8h8M8.5 5l3 3-3 3M13 4.5v7" />;
    case "undo":
      return (
        <>
          <path d="M5.5 3.5L2.5 6.5l3 3" />
          <path d="M2.5 6.5h7a4 4 0 0 1 0 8h-3" />
        </>
      );
    case "warning":
      return (
        <>
          <path d="M8 2.2L14.2 13H1.8z" />
          <path d="M8 6.5v3M8 11.3v.2" />
        </>
      );
    case "key":
      return (
        <>
          <circle cx="5.5" cy="10.5" r="3" />
          <path d="M7.7 8.3L13.5 2.5M11.5 4.5l2 2M10 6l1.5 1.5" />
        </>
      );
    case "back":
      return <path d="M10 3.5L5.5 8l4.5 4.5" />;
    case "copy":
      return (
        <>
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h.5" />
        </>
      );
    case "download":
      return <path d="M8 2.5v8M4.5 7.5L8 11l3.5-3.5M3 13.5h10" />;
    case "plus":
      return <path d="M8 3v10M3 8h10" />;
    case "shield":
      return <path d="M8 1.8l5 2v4c0 3-2.2 5.3-5 6.4-2.8-1.1-5-3.4-5-6.4v-4z" />;
    case "clock":
      return (
        <>
          <circle cx="8" cy="8" r="5.8" />
          <path d="M8 4.8V8l2.2 1.6" />
        </>
      );
    case "pause":
      return <path d="M6 4.5v7M10 4.5v7" />;
    default:
      return assertNever(name, "icon");
  }
}

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={`icon icon-${name}${className ? ` ${className}` : ""}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths(name)}
    </svg>
  );
}
