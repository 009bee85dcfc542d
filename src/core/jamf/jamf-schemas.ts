// What the client accepts from Jamf Pro, checked with zod before anything else sees it.
// Lenient where Jamf versions differ (hasConnectionSucceeded/message arrived around 11.16).
import { z } from "zod";
import type { CloudDistributionPoint, ConnectionTestResult, HistoryEntry } from "./jamf-types";

const optionalString = z.string().nullish().transform((v) => v ?? null);
const optionalBoolean = z.boolean().nullish().transform((v) => v ?? null);

export const versionSchema = z.object({ version: z.string().min(1) });

export const cdpSchema = z
  .object({
    cdnType: z.enum(["NONE", "JAMF_CLOUD", "RACKSPACE_CLOUD_FILES", "AMAZON_S3", "AKAMAI"]),
    master: z.boolean().nullish().transform((v) => v ?? false),
    username: optionalString,
    cdnUrl: optionalString,
    inventoryId: z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? null : String(v))),
    requireSignedUrls: optionalBoolean,
    hasConnectionSucceeded: optionalBoolean,
    message: optionalString,
  })
  // Copies only the fields above: privateKey (and anything else) is dropped right here.
  .transform((v): CloudDistributionPoint => ({
    cdnType: v.cdnType,
    master: v.master,
    username: v.username,
    cdnUrl: v.cdnUrl,
    inventoryId: v.inventoryId,
    requireSignedUrls: v.requireSignedUrls,
    hasConnectionSucceeded: v.hasConnectionSucceeded,
    message: v.message,
  }));

export const connectionTestSchema = z
  .object({ hasConnectionSucceeded: z.boolean(), message: z.string().nullish() })
  .transform((v): ConnectionTestResult => ({ hasConnectionSucceeded: v.hasConnectionSucceeded, message: v.message ?? "" }));

const historyEntrySchema = z
  .object({
    id: z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number),
    username: z.string().nullish().transform((v) => v ?? ""),
    date: z.string(),
    note: z.string().nullish().transform((v) => v ?? ""),
    details: optionalString,
  })
  .transform((v): HistoryEntry => ({ id: v.id, username: v.username, date: v.date, note: v.note, details: v.details }));

export const historyPageSchema = z.object({ totalCount: z.number().int().min(0), results: z.array(historyEntrySchema) });
