import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useNavigate } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { Page } from "../ui/Page";
import { periodSchema } from "./periodSchema";
import { practiceQueries, refreshSummaries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { daysBefore, isoDay, periodText, timeZone } from "./time";
import type { Summary } from "./types";
import "./practice.css";
import { QueryFallback } from "../ui/QueryFallback";

export const STATUS_LABEL: Record<Summary["status"], string> = {
  draft: "Draft, not shared",
  published: "Shared",
  withdrawn: "Withdrawn, not shared",
};

export function SummariesPage() {
  const { spaceId } = useCurrentSpace();
  const listHeading = useId();
  const newHeading = useId();
  const summaries = useQuery(practiceQueries.summaries(spaceId));
  if (!summaries.isSuccess) return <QueryFallback title="Progress summaries" loading="Loading your summaries…" queries={[summaries]} />;
  return (
    <Page
      title="Progress summaries"
      lead="Nothing from your journal is shared unless you choose to. A summary lets you pick what your partner sees, and you can withdraw it at any time."
    >
      <section className="card" aria-labelledby={newHeading}>
        <h2 id={newHeading}>New summary</h2>
        <NewSummary spaceId={spaceId} />
      </section>
      <section className="card" aria-labelledby={listHeading}>
        <h2 id={listHeading}>Your summaries</h2>
        {summaries.data.length === 0 ? <p className="muted">None yet.</p> : null}
        <ul className="plain-list">
          {summaries.data.map((summary) => (
            <li key={summary.id} className="plain-list__item">
              <span className="summary-item__text">
                <Link to={`/practice/summaries/${summary.id}`}>{periodText(summary.period_start, summary.period_end)}</Link>
                <span className="muted">{STATUS_LABEL[summary.status]}</span>
              </span>
              {summary.reactions.length > 0 ? (
                <span className="tag">{summary.reactions.map((r) => r.text).join(", ")}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

function NewSummary({ spaceId }: { spaceId: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [today] = useState(() => new Date());
  const form = useSchemaForm(periodSchema, { period_start: isoDay(daysBefore(today, 27)), period_end: isoDay(today) });
  const create = useMutation({
    mutationFn: (period: { period_start: string; period_end: string }) =>
      call(
        api.POST("/api/v1/spaces/{space_id}/practice/summaries", {
          params: { path: { space_id: spaceId } },
          body: { ...period, tz: timeZone() },
        }),
      ),
    onSuccess: async (summary) => {
      await refreshSummaries(queryClient, spaceId);
      void navigate(`/practice/summaries/${summary.id}`);
    },
    onError: (error) => form.fromError(error),
  });
  const submit = form.onSubmit((period) => create.mutate(period));
  return (
    <form className="form" noValidate onSubmit={submit}>
      <p>Tandem drafts a few lines from your journal for the period you pick. You then choose what to keep.</p>
      <ErrorSummary message={form.message} errors={form.errors} />
      <div className="number-grid">
        <Field label="From" name="period_start" type="date" {...form.bind("period_start")} />
        <Field label="To" name="period_end" type="date" {...form.bind("period_end")} />
      </div>
      <Button type="submit" busy={create.isPending}>
        Draft a summary
      </Button>
    </form>
  );
}
