// Rotations that are not finished: interrupted by a quit or crash, waiting for a confirmation,
// or failed. Shown above the cards so they are not forgotten.
import { isRotationClosed, type RotationSnapshot, type TargetStatus } from "../../shared/domain";
import type { RotationsByTarget } from "../hooks/use-rotations";
import { stoppedTitle } from "../lib/rotation-words";
import { Icon } from "./icon";

interface ResumeBannerProps {
  statuses: readonly TargetStatus[];
  rotations: RotationsByTarget;
  onOpen: (targetId: string, resume: boolean) => void;
}

interface Unfinished {
  targetId: string;
  name: string;
  snapshot: RotationSnapshot | undefined;
}

function unfinished(statuses: readonly TargetStatus[], rotations: RotationsByTarget): Unfinished[] {
  const found = new Map<string, Unfinished>();
  for (const status of statuses) {
    const snapshot = rotations[status.targetId];
    const live = snapshot !== undefined && !isRotationClosed(snapshot) && snapshot.status !== "pending-deletion";
    if (status.state === "rotation-in-progress" || live) {
      found.set(status.targetId, { targetId: status.targetId, name: status.name, snapshot: live ? snapshot : undefined });
    }
  }
  return [...found.values()];
}

function describe(item: Unfinished): { text: string; button: string; resume: boolean } {
  switch (item.snapshot?.status) {
    case "awaiting-confirmation":
      return { text: `The rotation of ${item.name} is waiting for your confirmation.`, button: "Open", resume: false };
    case "running":
      return { text: `The rotation of ${item.name} is running.`, button: "Open", resume: false };
    case "failed":
      return { text: `The rotation of ${item.name} stopped and needs your decision.`, button: "Open", resume: false };
    case "declined":
      return { text: `The rotation of ${item.name}: ${stoppedTitle(item.snapshot)}. Continue or abort it.`, button: "Open", resume: false };
    default:
      return {
        text: `The rotation of ${item.name} was interrupted. It can pick up where it stopped.`,
        button: "Resume",
        resume: true,
      };
  }
}

export function ResumeBanner({ statuses, rotations, onOpen }: ResumeBannerProps) {
  const items = unfinished(statuses, rotations);
  if (items.length === 0) return null;
  return (
    <section className="banners" aria-label="Unfinished rotations">
      {items.map((item) => {
        const { text, button, resume } = describe(item);
        return (
          <div key={item.targetId} className="banner" data-testid="resume-banner">
            <Icon name={resume ? "pause" : "clock"} className="banner-icon" />
            <p className="banner-text">{text}</p>
            <button
              type="button"
              className="button button-primary button-small"
              onClick={() => onOpen(item.targetId, resume)}
              aria-label={`${button} the rotation of ${item.name}`}
            >
              {button}
            </button>
          </div>
        );
      })}
    </section>
  );
}
