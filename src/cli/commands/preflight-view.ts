// The read-only checks of `targets test` (and `targets add --test`), one line each.
import type { PreflightReport, Target } from "../../shared/domain";
import type { CliContext } from "../context";

export function printPreflight(context: CliContext, target: Target, report: PreflightReport): void {
  const { style } = context;
  const advised = new Set<string>();
  const lines = [`Testing "${target.name}" (${target.jamfUrl}), read-only:`];
  for (const check of report.checks) {
    const mark = check.state ? style.dim("–") : check.ok ? style.green("✓") : style.red("✗");
    lines.push(`  ${mark} ${check.label}: ${check.message}`);
    // Two checks failing for one reason (e.g. a rejected secret) give the advice once.
    if (!check.ok && !check.state && check.action && !advised.has(check.action)) {
      advised.add(check.action);
      lines.push(`    ${style.bold("What to do:")} ${check.action}`);
    }
  }
  const open = report.checks.some((check) => check.state === "note");
  lines.push(
    open && report.ok
      ? style.green("The connection works. Finish the open rotation before starting another.")
      : report.ok
        ? style.green("All checks passed: this instance is ready to rotate.")
        : style.red("Some checks failed: fix the problems above before rotating."),
  );
  context.out(lines.join("\n") + "\n");
}
