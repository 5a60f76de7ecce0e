import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useNavigate, useParams } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Checkbox } from "../ui/Field";
import { useFormErrors, useSchemaForm } from "../ui/form";
import { formatDate } from "../ui/format";
import { Page } from "../ui/Page";
import { practiceQueries, refreshSummaries } from "./queries";
import { MESSAGE_MAX, summaryChoicesSchema } from "./summarySchema";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { TextArea } from "../ui/Field";
import { SharedSummaryView } from "./SharedSummaryView";
import { STATUS_LABEL } from "./SummariesPage";
import { periodText } from "./time";
import type { SharedSummary, Summary } from "./types";
import "./practice.css";
import { QueryFallback } from "../ui/QueryFallback";


export function ComposeSummaryPage() {
  const { spaceId } = useCurrentSpace();
  const { summaryId = "" } = useParams();
  // Kept here: the composer below starts afresh with each saved version.
  const [status, setStatus] = useState<string | null>(null);
  const summary = useQuery(practiceQueries.summary(spaceId, summaryId));
  if (!summary.isSuccess) return <QueryFallback title="Progress summary" loading="Loading your summary…" queries={[summary]} />;
  // Remount when a new version arrives so the form starts from what is saved.
  return (
    <Composer
      key={`${summary.data.id}:${summary.data.updated_at}`}
      spaceId={spaceId}
      summary={summary.data}
      status={status}
      setStatus={setStatus}
    />
  );
}

interface ComposerProps {
  spaceId: string;
  summary: Summary;
  status: string | null;
  setStatus: (text: string | null) => void;
}

function Composer({ spaceId, summary, status, setStatus }: ComposerProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // The choices are one form (previewed, shared or saved); withdrawing and deleting are actions.
  const form = useSchemaForm(summaryChoicesSchema, {
    excluded: summary.lines.filter((line) => !line.included).map((line) => line.id),
    message: summary.message ?? "",
  });
  const actions = useFormErrors();
  const {
    names: { partner: partnerName, patient: patientName },
  } = useCurrentSpace();
  const linesLegend = useId();
  const reactionsHeading = useId();
  const [preview, setPreview] = useState<SharedSummary | null>(null);
  const [confirm, setConfirm] = useState<"withdraw" | "delete" | null>(null);
  const target = { params: { path: { space_id: spaceId, summary_id: summary.id } } };
  const excluded = form.bind("excluded");
  const choicesOf = (values: { excluded: string[]; message: string }) => ({
    message: values.message.trim() === "" ? null : values.message,
    lines: summary.lines.map((line) => ({ id: line.id, included: !values.excluded.includes(line.id) })),
  });
  const published = summary.status === "published";

  async function done(text: string) {
    setStatus(text);
    setPreview(null);
    setConfirm(null);
    await refreshSummaries(queryClient, spaceId);
  }

  const showPreview = useMutation({
    mutationFn: (body: ReturnType<typeof choicesOf>) =>
      call(api.POST("/api/v1/spaces/{space_id}/practice/summaries/{summary_id}/preview", { ...target, body })),
    onMutate: () => {
      actions.clear();
      setStatus(null);
    },
    onSuccess: (shared) => setPreview(shared),
    onError: (error) => form.fromError(error),
  });
  const share = useMutation({
    // What was previewed (the form was checked then).
    mutationFn: async () => {
      await call(api.PUT("/api/v1/spaces/{space_id}/practice/summaries/{summary_id}", { ...target, body: choicesOf(form.values) }));
      if (!published) await call(api.POST("/api/v1/spaces/{space_id}/practice/summaries/{summary_id}/publish", target));
    },
    onSuccess: () => done(published ? `The new version is shared with ${partnerName}.` : `Shared with ${partnerName}.`),
    onError: (error) => form.fromError(error),
  });
  const saveDraft = useMutation({
    mutationFn: (body: ReturnType<typeof choicesOf>) =>
      call(api.PUT("/api/v1/spaces/{space_id}/practice/summaries/{summary_id}", { ...target, body })),
    onSuccess: () => done("Saved. Nothing has been shared."),
    onError: (error) => form.fromError(error),
  });
  const withdraw = useMutation({
    mutationFn: () => call(api.POST("/api/v1/spaces/{space_id}/practice/summaries/{summary_id}/withdraw", target)),
    onSuccess: () => done(`Withdrawn. ${partnerName} can no longer see it.`),
    onError: (error) => actions.fromError(error),
  });
  const remove = useMutation({
    mutationFn: () => call(api.DELETE("/api/v1/spaces/{space_id}/practice/summaries/{summary_id}", target)),
    onSuccess: async () => {
      await refreshSummaries(queryClient, spaceId);
      void navigate("/practice/summaries");
    },
    onError: (error) => actions.fromError(error),
  });

  return (
    <Page title={preview ? "Preview" : "Your summary"} lead={periodText(summary.period_start, summary.period_end)}>
      <ErrorSummary message={form.message ?? actions.message} errors={[...form.errors, ...actions.errors]} title="This didn't work" />
      <StatusMessage>{status}</StatusMessage>
      <p className="summary-status">
        <span className="tag">{STATUS_LABEL[summary.status]}</span>
        {published && summary.published_at ? ` Shared with ${partnerName} on ${formatDate(summary.published_at)}.` : null}
      </p>

      {preview ? (
        <section className="preview" aria-label="Preview">
          <p className="preview__note">This is exactly what {partnerName} will see.</p>
          <SharedSummaryView summary={preview} authorName={patientName} />
          <div className="actions">
            <Button busy={share.isPending} onClick={() => share.mutate()}>
              {published ? "Share this new version" : "Publish"}
            </Button>
            <Button variant="secondary" onClick={() => setPreview(null)}>
              Back to editing
            </Button>
          </div>
        </section>
      ) : (
        <form
          className="form"
          noValidate
          onSubmit={form.onSubmit((values) => showPreview.mutate(choicesOf(values)))}
        >
          <fieldset className="field summary-lines" aria-describedby={linesLegend}>
            <legend className="field__label">What to share</legend>
            <p className="field__hint" id={linesLegend}>
              Untick anything you'd rather keep to yourself.
            </p>
            {summary.lines.map((line) => (
              <Checkbox
                key={line.id}
                name={`line_${line.position}`}
                label={line.text}
                checked={!excluded.value.includes(line.id)}
                onChange={(checked) =>
                  excluded.onChange(checked ? excluded.value.filter((id) => id !== line.id) : [...excluded.value, line.id])
                }
              />
            ))}
          </fieldset>
          <TextArea
            label="A personal message (optional)"
            name="message"
            maxLength={MESSAGE_MAX}
            rows={4}
            {...form.bind("message")}
          />
          <div className="actions">
            <Button type="submit" busy={showPreview.isPending}>
              Preview
            </Button>
            {published ? null : (
              <Button
                variant="secondary"
                busy={saveDraft.isPending}
                onClick={form.onSubmit((values) => saveDraft.mutate(choicesOf(values)))}
              >
                Save without sharing
              </Button>
            )}
          </div>
        </form>
      )}

      {summary.reactions.length > 0 ? (
        <section className="card card--quiet" aria-labelledby={reactionsHeading}>
          <h2 id={reactionsHeading}>{partnerName}'s reaction</h2>
          <ul className="plain-list">
            {summary.reactions.map((reaction) => (
              <li key={reaction.kind} className="plain-list__item">
                {reaction.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="actions summary-danger">
        {published ? (
          <Button variant="secondary" onClick={() => setConfirm("withdraw")}>
            Withdraw
          </Button>
        ) : null}
        <Button variant="link" onClick={() => setConfirm("delete")}>
          Delete summary
        </Button>
      </div>
      {confirm === "withdraw" ? (
        <div className="confirm" role="group" aria-label="Confirm withdrawing">
          <p className="confirm__question">Stop sharing this summary? {partnerName} won't see it any more.</p>
          <div className="actions">
            <Button variant="danger" busy={withdraw.isPending} onClick={() => withdraw.mutate()}>
              Yes, withdraw it
            </Button>
            <Button variant="secondary" onClick={() => setConfirm(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {confirm === "delete" ? (
        <div className="confirm" role="group" aria-label="Confirm deleting">
          <p className="confirm__question">Delete this summary for good{published ? `, and stop sharing it with ${partnerName}` : ""}?</p>
          <div className="actions">
            <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
              Yes, delete it
            </Button>
            <Button variant="secondary" onClick={() => setConfirm(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      <p>
        <Link to="/practice/summaries">All your summaries</Link>
      </p>
    </Page>
  );
}
