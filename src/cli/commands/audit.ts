// `audit`: the append-only log of rotations, as a table or exported as JSON / CSV.
import type { AuditRecord } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import { formatWhen } from "../../shared/when";
import type { CommandDef } from "../command";
import { EXIT } from "../exit-codes";
import { renderTable } from "../table";
import { UsageError } from "../usage-error";
import { stringValue } from "./common-options";

export const auditCommand: CommandDef = {
  path: ["audit"],
  summary: "Show the audit log of rotations, or export it as JSON or CSV.",
  usage: "[--json | --csv] [--limit N]",
  description: "Every rotation and step outcome: who, when, which instance, old and new key ids, result, error code. Never a secret.",
  options: {
    json: { type: "boolean", description: "Print the log as JSON (full key ids)." },
    csv: { type: "boolean", description: "Print the log as CSV (full key ids)." },
    limit: { type: "string", value: "N", description: "Show only the newest N records (table and --json; default 50 for the table)." },
  },
  examples: ["cdp-key-rotator audit", "cdp-key-rotator audit --csv > audit.csv"],
  async run(context, args) {
    const { json, csv } = args.values;
    if (json && csv) throw new UsageError("Choose one of --json and --csv.", "audit");
    const rawLimit = stringValue(args.values.limit);
    let limit: number | undefined;
    if (rawLimit !== undefined) {
      if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1) throw new UsageError(`--limit must be a whole number of 1 or more (got "${rawLimit}").`, "audit");
      if (csv) throw new UsageError("--limit does not apply to --csv, which exports the whole log.", "audit");
      limit = Math.min(Number(rawLimit), 10_000);
    }
    if (csv) {
      context.out((await context.call("cdp:audit:export", { format: "csv" })).content);
      return EXIT.ok;
    }
    if (json) {
      const text = limit === undefined
        ? (await context.call("cdp:audit:export", { format: "json" })).content
        : JSON.stringify(await context.call("cdp:audit:list", { limit }), null, 2);
      context.out(text.endsWith("\n") ? text : `${text}\n`);
      return EXIT.ok;
    }
    const records = await context.call("cdp:audit:list", { limit: limit ?? 50 });
    // Damaged lines are skipped by the log; say so, or a damaged log would pass for an empty one.
    const { audit } = await context.core();
    const { problems } = await audit.read();
    if (problems.length > 0) {
      const lines = problems.slice(0, 5).map((p) => p.line).join(", ");
      context.err(
        `Warning: ${problems.length} line(s) of the audit log ${audit.path} could not be read and are not shown (line ${lines}${problems.length > 5 ? ", …" : ""}). The file was not changed.\n` +
          "What to do: Nothing, for rotations: new records are still added. To read the damaged lines, open the file in a text editor; keep a copy of it if you need the history.\n",
      );
    }
    if (records.length === 0) {
      context.out(problems.length > 0 ? "No readable audit records.\n" : "The audit log is empty: no rotation has run yet.\n");
      return EXIT.ok;
    }
    const { style } = context;
    context.out(
      renderTable(
        [
          // The app's date words, in the terminal's time zone; `--json` / export keep ISO.
          { header: "WHEN", cell: (r: AuditRecord) => formatWhen(r.at, "local") },
          { header: "WHO", cell: (r) => `${r.actor} (${r.via})` },
          { header: "TARGET", cell: (r) => r.targetName },
          { header: "EVENT", cell: (r) => (r.stepId ? `${r.event} ${r.stepId}` : r.event) },
          { header: "RESULT", cell: (r) => resultLabel(r, style) },
          { header: "OLD KEY", cell: (r) => maskKeyId(r.oldKeyId) },
          { header: "NEW KEY", cell: (r) => maskKeyId(r.newKeyId) },
          { header: "MESSAGE", cell: (r) => [r.errorCode, r.message].filter(Boolean).join(": ") },
        ],
        records,
        style.bold,
      ),
    );
    return EXIT.ok;
  },
};

function resultLabel(record: AuditRecord, style: { green(t: string): string; red(t: string): string; yellow(t: string): string }): string {
  switch (record.result) {
    case "ok":
      return style.green("ok");
    case "failed":
      return style.red("failed");
    case "declined":
    case "skipped":
    case "rolled-back":
      return style.yellow(record.result);
    default:
      return "";
  }
}
