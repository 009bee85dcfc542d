// What Jamf Pro says the current token may do (GET /api/v1/auth, AuthorizationV1), reduced to the
// two privileges key rotation needs. Lenient on shape: servers differ, and an answer this code
// cannot read is "not reported", never "missing" (a false "missing" would block a rotation that
// works). The cloud distribution point is a server-wide setting, so only privileges for the whole
// server count: privilegesBySite["-1"], account groups of site -1, or the Administrator set.
import { z } from "zod";
import { JAMF_CDP_PRIVILEGES } from "../policy/least-privilege";
import type { JamfPrivilegeName } from "./jamf-errors";

const CDP_PRIVILEGE_NAMES: readonly JamfPrivilegeName[] = JAMF_CDP_PRIVILEGES;

/** The whole server, not one site. */
const FULL_SERVER_SITE = "-1";

export type JamfPrivilegeReading =
  | {
      kind: "reported";
      /** Which of the two CDP privileges Jamf Pro lists for the whole server. */
      granted: JamfPrivilegeName[];
    }
  | {
      kind: "not-reported";
      /** Why, in words: "Jamf Pro answered HTTP 404", "the answer lists no privileges". */
      reason: string;
    };

const names = z.array(z.unknown()).transform((list) => list.filter((v): v is string => typeof v === "string"));

const authorizationSchema = z.object({
  account: z
    .object({
      privilegeSet: z.string().nullish(),
      privilegesBySite: z.record(z.string(), names).nullish(),
    })
    .passthrough()
    .nullish(),
  accountGroups: z
    .array(z.object({ siteId: z.union([z.number(), z.string()]).nullish(), privilegeSet: z.string().nullish(), privileges: names.nullish() }).passthrough())
    .nullish(),
});

/** The CDP privileges an AuthorizationV1 body grants for the whole server. */
export function readAuthorization(body: unknown): JamfPrivilegeReading {
  const parsed = authorizationSchema.safeParse(body);
  if (!parsed.success || !body || typeof body !== "object") return { kind: "not-reported", reason: "the answer is not in the format Jamf Pro uses" };
  const { account, accountGroups } = parsed.data;
  const bySite = account?.privilegesBySite ?? null;
  const serverGroups = (accountGroups ?? []).filter((g) => g.siteId === undefined || g.siteId === null || String(g.siteId) === FULL_SERVER_SITE);
  const administrator = [account?.privilegeSet, ...serverGroups.map((g) => g.privilegeSet)].some((set) => set?.toUpperCase() === "ADMINISTRATOR");
  if (administrator) return { kind: "reported", granted: [...CDP_PRIVILEGE_NAMES] };
  const lists = [bySite?.[FULL_SERVER_SITE], ...serverGroups.map((g) => g.privileges)].filter((list): list is string[] => Array.isArray(list));
  const forSomeSite = (bySite !== null && Object.keys(bySite).length > 0) || (accountGroups ?? []).some((g) => Array.isArray(g.privileges));
  if (lists.length === 0 && !forSomeSite) return { kind: "not-reported", reason: "the answer lists no privileges" };
  // Privileges only for sites (a site administrator): none of them reach server-wide settings.
  const held = new Set(lists.flat().map((name) => name.trim().toLowerCase()));
  return { kind: "reported", granted: CDP_PRIVILEGE_NAMES.filter((name) => held.has(name.toLowerCase())) };
}
