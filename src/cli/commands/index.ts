// Every command, in the order `--help` lists them.
import type { CommandDef } from "../command";
import { auditCommand } from "./audit";
import { cleanupCommand } from "./cleanup";
import { loginCommand } from "./login";
import { policyCommand } from "./policy";
import { ROTATION_COMMANDS } from "./rotate";
import { statusCommand } from "./status";
import { TARGET_COMMANDS } from "./targets";

export const COMMANDS: CommandDef[] = [statusCommand, ...ROTATION_COMMANDS, cleanupCommand, ...TARGET_COMMANDS, auditCommand, policyCommand, loginCommand];
