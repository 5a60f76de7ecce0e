import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useParams } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { IdeasNav } from "../ideas/IdeasNav";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Page } from "../ui/Page";
import { statusText, whenText } from "./describe";
import { localToIso, refreshPlans, planKeys, planQueries } from "./queries";
import { ReflectionSection } from "./ReflectionSection";
import type { Plan } from "./types";
import { WhenFields } from "./WhenFields";
import "./plans.css";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { useSpaceEvents } from "../events/useSpaceEvents";
import { QueryFallback } from "../ui/QueryFallback";
import { useFormErrors, useSchemaForm } from "../ui/form";
import { TextArea } from "../ui/Field";
import { PLAN_NOTE_MAX, planTimeSchema, stopSchema } from "./planSchema";

type Panel = "none" | "reschedule" | "pause" | "cancel";
type Action =
  | { kind: "accept" | "decline" }
  | { kind: "pause" | "cancel"; note: string }
  | { kind: "reschedule"; startsAt: string | null };

function usePlanAction(spaceId: string, planId: string, onDone: (plan: Plan, action: Action) => void) {
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const mutation = useMutation({
    mutationFn: (action: Action) => {
      const params = { path: { space_id: spaceId, plan_id: planId } };
      switch (action.kind) {
        case "accept":
          return call(api.POST("/api/v1/spaces/{space_id}/plans/{plan_id}/accept", { params }));
        case "decline":
          return call(api.POST("/api/v1/spaces/{space_id}/plans/{plan_id}/decline", { params }));
        case "pause":
          return call(api.POST("/api/v1/spaces/{space_id}/plans/{plan_id}/pause", { params, body: { note: action.note } }));
        case "cancel":
          return call(api.POST("/api/v1/spaces/{space_id}/plans/{plan_id}/cancel", { params, body: { note: action.note } }));
        case "reschedule":
          return call(
            api.POST("/api/v1/spaces/{space_id}/plans/{plan_id}/reschedule", {
              params,
              body: { starts_at: action.startsAt },
            }),
          );
      }
    },
    onMutate: () => form.clear(),
    onSuccess: async (plan, action) => {
      queryClient.setQueryData(planKeys.one(spaceId, planId), plan);
      onDone(plan, action);
      await refreshPlans(queryClient, spaceId);
    },
    onError: async (error) => {
      form.fromError(error, { 409: "This plan changed in the meantime. Here it is as it stands now." });
      await queryClient.invalidateQueries({ queryKey: planKeys.one(spaceId, planId) });
    },
  });
  return { mutation, form };
}

const DONE: Record<Action["kind"], string> = {
  accept: "You're both on for this.",
  decline: "You said no to this one. No reason needed.",
  pause: "Paused. Your partner sees: \"Let's leave this one for now. Thank you for understanding.\"",
  cancel: "Cancelled. Your partner sees: \"Let's leave this one for now. Thank you for understanding.\"",
  reschedule: "Your new time is suggested.",
};

export function PlanPage() {
  const { spaceId } = useCurrentSpace();
  useSpaceEvents(spaceId);
  const { planId = "" } = useParams();
  const [panel, setPanel] = useState<Panel>("none");
  const [status, setStatus] = useState<string | null>(null);
  const detailsHeading = useId();

  const plan = useQuery({ ...planQueries.one(spaceId, planId), refetchInterval: 30_000 });
  const { mutation: act, form } = usePlanAction(spaceId, planId, (_plan, action) => {
    setPanel("none");
    setStatus(DONE[action.kind]);
  });

  if (!plan.isSuccess) {
    return (
      <QueryFallback
        title="Plan"
        loading="Loading the plan…"
        problemTitle="We couldn't load this plan"
        back={{ to: "/space/plans", label: "Back to your plans" }}
        notFound={false}
        queries={[plan]}
      />
    );
  }
  const current = plan.data;
  const open = current.status === "proposed" || current.status === "accepted";
  const stopped = current.status === "paused" || current.status === "cancelled";

  return (
    <Page title={current.idea.title} documentTitle="Plan">
      <IdeasNav />
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      <StatusMessage>{status}</StatusMessage>
      <section className={stopped ? "card card--quiet plan" : "card plan"} aria-labelledby={detailsHeading}>
        <h2 id={detailsHeading}>The plan</h2>
        {stopped ? (
          <p className="plan__notice" role="note">
            {current.notice}
          </p>
        ) : null}
        {current.pause_note ? (
          <p className="plan__pause-note">
            {current.pause_note.by_me ? "Your note: " : "A note from your partner: "}
            {current.pause_note.text}
          </p>
        ) : null}
        <dl className="details">
          <div>
            <dt>When</dt>
            <dd>{whenText(current)}</dd>
          </div>
          <div>
            <dt>Where it stands</dt>
            <dd className="plan__status">{statusText(current)}</dd>
          </div>
          {current.note ? (
            <div>
              <dt>{current.proposed_by_me ? "Your note" : "Your partner's note"}</dt>
              <dd className="plan__note">{current.note}</dd>
            </div>
          ) : null}
        </dl>

        {current.awaiting_me && panel === "none" ? (
          <div className="actions">
            <Button busy={act.isPending} onClick={() => act.mutate({ kind: "accept" })}>
              Yes, let's
            </Button>
            <Button variant="secondary" onClick={() => setPanel("reschedule")}>
              Suggest another time
            </Button>
            <Button variant="secondary" busy={act.isPending} onClick={() => act.mutate({ kind: "decline" })}>
              No thanks
            </Button>
          </div>
        ) : null}
        {!current.awaiting_me && (open || current.status === "paused") && panel === "none" ? (
          <div className="actions">
            {(current.status === "paused" || current.status === "accepted") && current.can_suggest_time ? (
              <Button variant="secondary" onClick={() => setPanel("reschedule")}>
                {current.status === "paused" ? "Suggest a new time" : "Suggest another time"}
              </Button>
            ) : null}
          </div>
        ) : null}
        {open && panel === "none" ? (
          <div className="actions plan__stop">
            <Button variant="secondary" onClick={() => setPanel("pause")}>
              Pause
            </Button>
            <Button variant="secondary" onClick={() => setPanel("cancel")}>
              Cancel plan
            </Button>
          </div>
        ) : null}

        {panel === "reschedule" ? (
          <RescheduleForm
            busy={act.isPending}
            onSubmit={(startsAt) => act.mutate({ kind: "reschedule", startsAt })}
            onBack={() => setPanel("none")}
          />
        ) : null}
        {panel === "pause" || panel === "cancel" ? (
          <StopForm
            kind={panel}
            busy={act.isPending}
            onSubmit={(note) => act.mutate({ kind: panel, note })}
            onBack={() => setPanel("none")}
          />
        ) : null}
      </section>
      {current.can_reflect ? <ReflectionSection spaceId={spaceId} plan={current} /> : null}
      <p>
        <Link to="/space/plans">All your plans</Link>
      </p>
    </Page>
  );
}

/** Another time for the plan (the server's answer shows above, with the page's other actions). */
function RescheduleForm({ busy, onSubmit, onBack }: { busy: boolean; onSubmit: (startsAt: string | null) => void; onBack: () => void }) {
  const form = useSchemaForm(planTimeSchema, { choice: "week", starts_at: "", note: "" });
  const choice = form.bind("choice");
  const when = form.bind("starts_at");
  return (
    <form
      className="form"
      noValidate
      onSubmit={form.onSubmit((plan) => onSubmit(plan.choice === "time" ? localToIso(plan.starts_at) : null))}
      aria-label="Suggest another time"
    >
      <ErrorSummary errors={form.errors} />
      <WhenFields name="reschedule" choice={choice.value} onChoice={choice.onChange} value={when.value} onValue={when.onChange} error={when.error} />
      <div className="actions">
        <Button type="submit" busy={busy}>
          Suggest this time
        </Button>
        <Button variant="secondary" onClick={onBack}>
          Back
        </Button>
      </div>
    </form>
  );
}

/** Pausing or cancelling: no reason asked, an optional note. */
function StopForm({
  kind,
  busy,
  onSubmit,
  onBack,
}: {
  kind: "pause" | "cancel";
  busy: boolean;
  onSubmit: (note: string) => void;
  onBack: () => void;
}) {
  // Its own field names: the reflection form on the same page has a note too.
  const form = useSchemaForm(stopSchema, { note: "" }, { prefix: "stop_" });
  return (
    <form
      className="form"
      noValidate
      onSubmit={form.onSubmit((values) => onSubmit(values.note))}
      aria-label={kind === "pause" ? "Pause the plan" : "Cancel the plan"}
    >
      <p>
        No reason will be asked. Your partner will see "Let's leave this one for now. Thank you for understanding."
      </p>
      <ErrorSummary errors={form.errors} />
      <TextArea
        label="A note (optional, shows it was you)"
        rows={2}
        maxLength={PLAN_NOTE_MAX}
        {...form.bind("note")}
        name={form.name("note")}
      />
      <div className="actions">
        <Button type="submit" busy={busy}>
          {kind === "pause" ? "Pause this plan" : "Cancel this plan"}
        </Button>
        <Button variant="secondary" onClick={onBack}>
          Back
        </Button>
      </div>
    </form>
  );
}
