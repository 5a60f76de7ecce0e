import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { describeProblem, problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { RadioGroup } from "../ui/Field";
import { RATING_LABEL, RATINGS } from "./labels";
import { refreshIdeas } from "./queries";
import type { Idea, Rating } from "./types";
import "./ideas.css";
import { useCurrentSpace } from "../spaces/useCurrentSpace";

const RATING_LOOK = {
  group: "rating",
  legend: "rating__legend",
  options: "rating__options",
  option: "rating__option",
  input: "rating__input",
  label: "rating__label",
};

export function useRate(onDone?: (rating: Rating | null) => void) {
  const { spaceId } = useCurrentSpace();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ ideaId, value }: { ideaId: string; value: Rating | null }) => {
      const path = { space_id: spaceId, idea_id: ideaId };
      if (value === null) {
        await call(api.DELETE("/api/v1/spaces/{space_id}/ideas/{idea_id}/rating", { params: { path } }));
      } else {
        await call(api.PUT("/api/v1/spaces/{space_id}/ideas/{idea_id}/rating", { params: { path }, body: { value } }));
      }
      return value;
    },
    onSuccess: async (value) => {
      onDone?.(value);
      await refreshIdeas(queryClient, spaceId);
    },
  });
}

/** Yes / maybe / not now, as a radio group. Only the person rating ever sees their rating. */
export function RatingControl({ idea }: { idea: Idea }) {
  const rate = useRate();
  const errorId = useId();
  const name = `rating-${idea.id}`;
  const current = rate.isPending && rate.variables ? rate.variables.value : idea.my_rating;
  const problem = problemOf(rate.error);

  return (
    <RadioGroup<Rating>
      legend={
        <>
          Your answer <span className="muted">(only you see it)</span>
        </>
      }
      name={name}
      value={current ?? null}
      onChange={(value) => rate.mutate({ ideaId: idea.id, value })}
      look={RATING_LOOK}
      describedBy={problem ? errorId : undefined}
      options={RATINGS.map((value) => ({
        value,
        label: (
          <>
            {RATING_LABEL[value]}
            <span className="visually-hidden"> for {idea.title}</span>
          </>
        ),
      }))}
    >
      {current ? (
        <Button variant="link" className="rating__clear" onClick={() => rate.mutate({ ideaId: idea.id, value: null })}>
          Clear my answer<span className="visually-hidden"> for {idea.title}</span>
        </Button>
      ) : null}
      {problem ? (
        <p className="field__error" id={errorId} role="alert">
          {describeProblem(problem)}
        </p>
      ) : null}
    </RadioGroup>
  );
}
