// Where a rotation stopped and what to call that, in the numbering the step list shows.
import { isRotationClosed, type RotationSnapshot } from "../../shared/domain";

export interface StopPoint {
  /** 1-based, as the step list and the confirmation panel count. */
  position: number;
  title: string;
}

/** The step the rotation stopped at: the current one, else the last declined or failed one. */
export function stopPoint(snapshot: RotationSnapshot): StopPoint | null {
  const index = snapshot.currentStepId
    ? snapshot.steps.findIndex((step) => step.id === snapshot.currentStepId)
    : snapshot.steps.findLastIndex((step) => step.status === "declined" || step.status === "failed");
  const step = index >= 0 ? snapshot.steps[index] : undefined;
  return step ? { position: index + 1, title: step.title } : null;
}

/** "Paused by you at step 7: Check nothing else uses the old key". */
export function stoppedTitle(snapshot: RotationSnapshot): string {
  const at = stopPoint(snapshot);
  const where = at ? ` at step ${at.position}: ${at.title}` : "";
  switch (snapshot.status) {
    case "declined":
      return isRotationClosed(snapshot) ? "Rotation cancelled" : `Paused by you${where}`;
    case "interrupted":
      return `Interrupted${where}`;
    case "failed":
      return isRotationClosed(snapshot) ? "The rotation stopped" : `Stopped${where}`;
    default:
      return "";
  }
}
