import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { TextArea } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { PLAN_NOTE_MAX, planTimeSchema } from "./planSchema";
import { localToIso, refreshPlans } from "./queries";
import { WhenFields } from "./WhenFields";
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
  const form = useSchemaForm(planTimeSchema, { choice: "week", starts_at: "", note: "" });
  const fieldPrefix = `plan-${ideaId}`;

  const propose = useMutation({
    mutationFn: (body: { starts_at: string | null; note: string }) =>
      call(
        api.POST("/api/v1/spaces/{space_id}/plans", {
          params: { path: { space_id: spaceId } },
          body: { idea_id: ideaId, ...body },
        }),
      ),
    onSuccess: async (plan) => {
      await refreshPlans(queryClient, spaceId);
      void navigate(`/space/plans/${plan.id}`);
    },
    onError: (error) => form.fromError(error),
  });

  const submit = form.onSubmit((plan) =>
    propose.mutate({ starts_at: plan.choice === "time" ? localToIso(plan.starts_at) : null, note: plan.note }),
  );

  const when = form.bind("starts_at");
  const choice = form.bind("choice");
  return (
    <form className="form propose" noValidate onSubmit={submit} aria-label={`Plan ${ideaTitle}`}>
      <ErrorSummary message={form.message} errors={form.errors} />
      <WhenFields
        name={fieldPrefix}
        choice={choice.value}
        onChoice={choice.onChange}
        value={when.value}
        onValue={when.onChange}
        error={when.error}
      />
      <TextArea label="A note for your partner (optional)" name="note" maxLength={PLAN_NOTE_MAX} {...form.bind("note")} />
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
