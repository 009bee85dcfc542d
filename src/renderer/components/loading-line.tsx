import { Icon } from "./icon";

/** A quiet "working" line with a spinner; announced politely to screen readers. */
export function LoadingLine({ text }: { text: string }) {
  return (
    <p className="loading-line" role="status">
      <Icon name="spinner" className="spin" />
      {text}
    </p>
  );
}
