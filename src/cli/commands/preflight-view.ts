// The read-only checks of `targets test` (and `targets add --test`), one line each.
import type { PreflightCheck, PreflightReport, Target } from "../../shared/domain";
import type { CliContext } from "../context";

function mark(context: CliContext, check: PreflightCheck): string {
  const { style } = context;
  if (check.state === "warning") return style.yellow("!");
  if (check.state) return style.dim("–");
  return check.ok ? style.green("✓") : style.red("✗");
}

export function printPreflight(context: CliContext, target: Target, report: PreflightReport): void {
  const { style } = context;
  const advised = new Set<string>();
  const lines = [`Testing "${target.name}" (${target.jamfUrl}), read-only:`];
  for (const check of report.checks) {
    lines.push(`  ${mark(context, check)} ${check.label}: ${check.message}`);
    // Two checks failing for one reason (e.g. a rejected secret) give the advice once.
    const advise = (!check.ok && !check.state) || check.state === "warning";
    if (advise && check.action && !advised.has(check.action)) {
      advised.add(check.action);
      lines.push(`    ${style.bold("What to do:")} ${check.action}`);
    }
  }
  const open = report.checks.some((check) => check.state === "note");
  const warned = report.checks.some((check) => check.state === "warning");
  lines.push(
    open && report.ok
      ? style.green("The connection works. Finish the open rotation before starting another.")
      : report.ok && warned
        ? style.yellow("The checks passed with a warning: read it above before rotating.")
        : report.ok
          ? style.green("All checks passed: this instance is ready to rotate.")
          : style.red("Some checks failed: fix the problems above before rotating."),
  );
  context.out(lines.join("\n") + "\n");
}
