import type { OptionDef } from "../args";

export const targetOption: OptionDef = {
  type: "string",
  short: "t",
  value: "NAME",
  description: "The Jamf Pro instance (may be left out when only one is set up).",
};

export const jsonOption: OptionDef = { type: "boolean", description: "Print JSON instead of a table (full key ids)." };

export const yesOption: OptionDef = {
  type: "boolean",
  short: "y",
  description: "Answer yes to every confirmation (automation). Without it, each change is confirmed.",
};

export function stringValue(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
