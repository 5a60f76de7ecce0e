import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { useFormErrors } from "../ui/forms";
import { localToIso, refreshPlans } from "./queries";
import { WhenFields, type WhenChoice } from "./WhenFields";
import "./plans.css";

interface ProposePlanFormProps {
  spaceId: string;
  ideaId: string;
  ideaTitle: string;
  onCancel: () => void;
}

/** Suggest a time for a match; the partner can accept, suggest another time or decline. */
export function ProposePlanForm({ spaceId, ideaId, ideaTitle, onCancel }: ProposePlanFormProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useFormErrors();
  const [choice, setChoice] = useState<WhenChoice>("week");
  const [at, setAt] = useState("");
  const [note, setNote] = useState("");
  const fieldPrefix = `plan-${ideaId}`;

  const propose = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/spaces/{space_id}/plans", {
          params: { path: { space_id: spaceId } },
          body: { idea_id: ideaId, starts_at: choice === "time" ? localToIso(at) : null, note },
        }),
      ),
    onMutate: () => form.clear(),
    onSuccess: async (plan) => {
      await refreshPlans(queryClient, spaceId);
      void navigate(`/space/plans/${plan.id}`);
    },
    onError: (error) => form.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = choice === "time" && !localToIso(at) ? [{ field: "starts_at", message: "Choose a day and time." }] : [];
    if (form.validate(errors)) propose.mutate();
  }

  const noteId = "field-note";
  return (
    <form className="form propose" noValidate onSubmit={submit} aria-label={`Plan ${ideaTitle}`}>
      <ErrorSummary message={form.message} errors={form.errors} />
      <WhenFields
        name={fieldPrefix}
        choice={choice}
        onChoice={setChoice}
        value={at}
        onValue={setAt}
        error={form.fieldError("starts_at")}
      />
      <div className="field">
        <label className="field__label" htmlFor={noteId}>
          A note for your partner (optional)
        </label>
        <textarea
          id={noteId}
          className="field__input field__textarea"
          maxLength={500}
          rows={3}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <div className="actions">
        <Button type="submit" busy={propose.isPending}>
          Suggest this plan
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Not now
        </Button>
      </div>
    </form>
  );
}
