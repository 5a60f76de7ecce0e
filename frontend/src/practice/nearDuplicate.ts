/**
 * A near-identical entry saved a few minutes ago: the same kind, size, depth and minutes, practised
 * within a few minutes of this one, or saved within the last few minutes. The form asks before saving
 * a second copy, so a double tap never puts the same session twice into the clinician report.
 */
import { api } from "../api/client";
import { call } from "../api/call";
import type { Entry, EntryInput } from "./types";

export const NEAR_MINUTES = 10;
const NEAR_MS = NEAR_MINUTES * 60_000;

export function isNearDuplicate(entry: Entry, body: EntryInput, now: number = Date.now()): boolean {
  if (entry.kind !== body.kind || entry.minutes !== body.minutes) return false;
  if ((entry.size_id ?? null) !== (body.size_id ?? null) || (entry.depth ?? null) !== (body.depth ?? null)) return false;
  const practised = Math.abs(new Date(entry.practised_at).getTime() - new Date(body.practised_at).getTime());
  const saved = now - new Date(entry.created_at).getTime();
  return practised <= NEAR_MS || (saved >= 0 && saved <= NEAR_MS);
}

/** The latest entries, asked fresh at save time (another device may have saved one). */
export async function findNearDuplicate(spaceId: string, body: EntryInput): Promise<Entry | null> {
  const page = await call(
    api.GET("/api/v1/spaces/{space_id}/practice/entries", {
      params: { path: { space_id: spaceId }, query: { limit: 5 } },
    }),
  );
  return page.items.find((entry) => isNearDuplicate(entry, body)) ?? null;
}
