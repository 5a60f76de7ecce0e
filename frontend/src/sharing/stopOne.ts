/** Each item's own stop control calls the route that stops that one thing, as its own page would. */
import { api } from "../api/client";
import { call } from "../api/call";
import type { SharedItem } from "./queries";

export async function stopOne(spaceId: string, item: SharedItem): Promise<void> {
  const space = { space_id: spaceId };
  switch (item.kind) {
    case "checkins":
      await call(
        api.PATCH("/api/v1/spaces/{space_id}/checkins/{checkin_id}", {
          params: { path: { ...space, checkin_id: item.id } },
          body: { visibility: "private" },
        }),
      );
      return;
    case "summaries":
      await call(
        api.POST("/api/v1/spaces/{space_id}/practice/summaries/{summary_id}/withdraw", {
          params: { path: { ...space, summary_id: item.id } },
        }),
      );
      return;
    case "reflections": {
      // The reflection is saved whole: keep what it says, only stop sharing it.
      const plan = await call(
        api.GET("/api/v1/spaces/{space_id}/plans/{plan_id}", { params: { path: { ...space, plan_id: item.id } } }),
      );
      const mine = plan.my_reflection;
      if (!mine) return;
      await call(
        api.PUT("/api/v1/spaces/{space_id}/plans/{plan_id}/reflection", {
          params: { path: { ...space, plan_id: item.id } },
          body: { feeling: mine.feeling, comfort: mine.comfort, note: mine.note, shared: false },
        }),
      );
      return;
    }
    case "answered_prompts":
      await call(
        api.DELETE("/api/v1/spaces/{space_id}/conversations/{conversation_id}/answer", {
          params: { path: { ...space, conversation_id: item.id } },
        }),
      );
      return;
    case "calendar_feed":
      await call(api.DELETE("/api/v1/spaces/{space_id}/calendar-feed", { params: { path: space } }));
      return;
    case "clinician_links":
      await call(
        api.DELETE("/api/v1/spaces/{space_id}/clinician-links/{clinician_link_id}", {
          params: { path: { ...space, clinician_link_id: item.id } },
        }),
      );
      return;
    default:
      throw new Error(`no stop control for ${item.kind}`);
  }
}

/** What each stop control says, so a screen reader hears which item it stops. */
export const STOP_WORDS: Record<string, string> = {
  checkins: "Stop sharing",
  summaries: "Withdraw",
  reflections: "Stop sharing",
  answered_prompts: "Delete my answer",
  calendar_feed: "Turn off",
  clinician_links: "Revoke",
};
