import { assertNever } from "../../shared/errors";
import type { StepStatus } from "../../shared/domain";
import { stepStatusLabel } from "../lib/step-icons";
import { Icon, type IconName } from "./icon";

function iconFor(status: StepStatus): IconName {
  switch (status) {
    case "pending":
      return "dot";
    case "awaiting-confirmation":
      return "dot";
    case "running":
      return "spinner";
    case "done":
      return "check";
    case "skipped":
      return "skip";
    case "declined":
      return "cross";
    case "failed":
      return "cross";
    case "rolled-back":
      return "undo";
    default:
      return assertNever(status, "step status");
  }
}

export function StepStatusIcon({ status }: { status: StepStatus }) {
  return (
    <span className={`step-icon step-icon-${status}`} title={stepStatusLabel(status)}>
      <Icon name={iconFor(status)} className={status === "running" ? "spin" : undefined} />
      <span className="visually-hidden">{stepStatusLabel(status)}: </span>
    </span>
  );
}
