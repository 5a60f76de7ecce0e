import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import type { Prompt } from "./types";
import { promptKeys } from "./queries";

/** Save a prompt to the couple's favourites, or take it out again. */
export function FavouriteButton({ spaceId, prompt }: { spaceId: string; prompt: Prompt }) {
  const queryClient = useQueryClient();
  const path = { space_id: spaceId, prompt_id: prompt.id };
  const toggle = useMutation({
    mutationFn: async () => {
      if (prompt.favourite) {
        await call(api.DELETE("/api/v1/spaces/{space_id}/prompts/{prompt_id}/favourite", { params: { path } }));
      } else {
        await call(api.PUT("/api/v1/spaces/{space_id}/prompts/{prompt_id}/favourite", { params: { path } }));
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promptKeys.all(spaceId) }),
  });
  return (
    <Button
      variant="secondary"
      className="favourite"
      aria-pressed={prompt.favourite}
      busy={toggle.isPending}
      onClick={() => toggle.mutate()}
    >
      <span aria-hidden="true">{prompt.favourite ? "♥ " : "♡ "}</span>
      {prompt.favourite ? "Saved to favourites" : "Save to favourites"}
    </Button>
  );
}
