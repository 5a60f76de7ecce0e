import { useMutation, useQueryClient, useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { useFormErrors } from "../ui/formErrors";
import { Page } from "../ui/Page";
import { refreshSummaries, summaryQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { useSpaceEvents } from "../events/useSpaceEvents";
import { SharedSummaryView } from "./SharedSummaryView";
import type { ReactionKind, SharedSummary } from "./types";
import "./practice.css";
import { QueryFallback } from "../ui/QueryFallback";

/** Published summaries of the space, newest first. The partner can react; the patient sees the reactions. */
export function SharedSummariesPage() {
  const { spaceId, isPatient, names } = useCurrentSpace();
  const { patient: patientName, partner: partnerName } = names;
  // A withdrawn summary (one by one, or in "stop sharing everything") leaves this page at once.
  useSpaceEvents(spaceId);
  const summaries = useQuery(summaryQueries.shared(spaceId));
  const kinds = useQuery(summaryQueries.reactionKinds());
  if (!summaries.isSuccess) return <QueryFallback title="Shared summaries" loading="Loading summaries…" queries={[summaries]} />;
  return (
    <Page
      title="Shared summaries"
      lead={
        isPatient
          ? `What you've chosen to share with ${partnerName}. You can change or withdraw any of it from your summaries.`
          : `What ${patientName} has chosen to share about their practice. It's theirs to share, at their pace.`
      }
    >
      {summaries.data.length === 0 ? (
        <p className="muted">{isPatient ? "You haven't shared a summary." : "Nothing has been shared yet."}</p>
      ) : null}
      {summaries.data.map((summary) => (
        <SharedSummaryView key={summary.id} summary={summary} authorName={patientName}>
          {isPatient ? (
            summary.reactions.length > 0 ? (
              <p className="reactions__given">
                {partnerName}: {summary.reactions.map((r) => r.text).join(", ")}
              </p>
            ) : null
          ) : (
            <Reactions spaceId={spaceId} summary={summary} kinds={kinds.data ?? []} />
          )}
        </SharedSummaryView>
      ))}
    </Page>
  );
}

function Reactions({ spaceId, summary, kinds }: { spaceId: string; summary: SharedSummary; kinds: ReactionKind[] }) {
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const groupLabel = useId();
  const current = summary.reactions[0]?.kind ?? null;
  const target = { params: { path: { space_id: spaceId, summary_id: summary.id } } };
  const react = useMutation({
    mutationFn: (kind: string) =>
      call(api.PUT("/api/v1/spaces/{space_id}/summaries/{summary_id}/reaction", { ...target, body: { kind } })),
    onMutate: () => form.clear(),
    onSuccess: () => refreshSummaries(queryClient, spaceId),
    onError: (error) => form.fromError(error, { 404: "This summary is no longer shared." }),
  });
  const remove = useMutation({
    mutationFn: () => call(api.DELETE("/api/v1/spaces/{space_id}/summaries/{summary_id}/reaction", target)),
    onSuccess: () => refreshSummaries(queryClient, spaceId),
    onError: (error) => form.fromError(error, { 404: "This summary is no longer shared." }),
  });
  return (
    <div className="reactions">
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      <p className="reactions__label" id={groupLabel}>
        {current ? "Your reaction" : "Send a reaction"}
      </p>
      <div className="reactions__options" role="group" aria-labelledby={groupLabel}>
        {kinds.map((kind) => (
          <Button
            key={kind.id}
            variant={kind.id === current ? "primary" : "secondary"}
            aria-pressed={kind.id === current}
            busy={react.isPending && react.variables === kind.id}
            onClick={() => react.mutate(kind.id)}
          >
            {kind.text}
          </Button>
        ))}
      </div>
      {current ? (
        <Button variant="link" busy={remove.isPending} onClick={() => remove.mutate()}>
          Take back my reaction
        </Button>
      ) : null}
    </div>
  );
}
