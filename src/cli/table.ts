// Plain text tables: columns padded to the widest cell, colour codes not counted.
import { stripAnsi } from "./style";

export interface Column<Row> {
  header: string;
  cell(row: Row): string;
  align?: "left" | "right";
}

export function renderTable<Row>(columns: Column<Row>[], rows: Row[], headerStyle: (text: string) => string = (t) => t): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, i) =>
    Math.max(visibleLength(column.header), ...cells.map((line) => visibleLength(line[i] ?? ""))),
  );
  const pad = (text: string, i: number) => {
    const gap = " ".repeat(Math.max(0, (widths[i] ?? 0) - visibleLength(text)));
    return columns[i]?.align === "right" ? gap + text : text + gap;
  };
  const header = columns.map((column, i) => headerStyle(pad(column.header, i))).join("  ");
  const body = cells.map((line) => line.map((text, i) => pad(text, i)).join("  "));
  return [header, ...body].map((line) => line.trimEnd()).join("\n") + "\n";
}

function visibleLength(text: string): number {
  return [...stripAnsi(text)].length;
}
