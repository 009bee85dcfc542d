// /api/v1/cloud-distribution-point/history: paged object history and notes.
import { apiError } from "./jamf-json";
import { jackson, type PeerRequest, type Reply } from "./jamf-http";
import type { HistoryRecord, JamfPeerState } from "./jamf-peer-state";

const SORTS: Record<string, (a: HistoryRecord, b: HistoryRecord) => number> = {
  "id:asc": (a, b) => a.id - b.id,
  "id:desc": (a, b) => b.id - a.id,
  "date:asc": (a, b) => a.date.localeCompare(b.date) || a.id - b.id,
  "date:desc": (a, b) => b.date.localeCompare(a.date) || b.id - a.id,
};

function nonNegativeInt(text: string | null, fallback: number): number | null {
  if (text === null || text === "") return fallback;
  return /^\d+$/.test(text) ? Number(text) : null;
}

export function handleListHistory(state: JamfPeerState, req: PeerRequest): Reply {
  const page = nonNegativeInt(req.query.get("page"), 0);
  const pageSize = nonNegativeInt(req.query.get("page-size"), 100);
  if (page === null) return jackson(400, apiError(400, "INVALID_FIELD", "page must be a non-negative integer", "page"));
  if (pageSize === null || pageSize < 1 || pageSize > 2000) {
    return jackson(400, apiError(400, "INVALID_FIELD", "page-size must be an integer from 1 to 2000", "page-size"));
  }
  const sortKey = (req.query.get("sort") ?? "id:asc").split(",")[0] ?? "id:asc";
  const sort = SORTS[sortKey];
  if (!sort) return jackson(400, apiError(400, "INVALID_FIELD", `Unsupported sort ${sortKey}`, "sort"));
  const sorted = [...state.history].sort(sort);
  return jackson(200, {
    totalCount: sorted.length,
    results: sorted.slice(page * pageSize, page * pageSize + pageSize).map((h) => ({ ...h })),
  });
}

export function handleAddHistoryNote(state: JamfPeerState, req: PeerRequest, actor: string): Reply {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString("utf8"));
  } catch {
    return jackson(400, apiError(400, "INVALID_JSON", "Unable to parse the request body as JSON"));
  }
  const note = typeof body === "object" && body !== null ? (body as Record<string, unknown>).note : undefined;
  if (typeof note !== "string" || note.trim() === "") {
    return jackson(400, apiError(400, "INVALID_FIELD", "must not be blank", "note"));
  }
  const entry = state.addHistory(actor, note, null);
  return jackson(201, { ...entry });
}
