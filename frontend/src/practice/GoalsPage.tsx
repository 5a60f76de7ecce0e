import { useMutation, useQueryClient, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Field, Select } from "../ui/Field";
import { useFormErrors, useSchemaForm } from "../ui/form";
import { Page } from "../ui/Page";
import { GOAL_TITLE_MAX, goalEditSchema, goalSchema } from "./goalSchema";
import { practiceQueries, refreshPractice } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";

import { GOAL_STATUS_LABEL } from "./labels";
import type { Goal, GoalStatus } from "./types";
import "./practice.css";
import { QueryFallback } from "../ui/QueryFallback";

const STATUSES: GoalStatus[] = ["working_on", "reached", "set_aside"];

export function GoalsPage() {
  const { spaceId } = useCurrentSpace();
  const goals = useQuery(practiceQueries.goals(spaceId));
  const listHeading = useId();
  const addHeading = useId();
  const [status, setStatus] = useState<string | null>(null);

  if (!goals.isSuccess) return <QueryFallback title="Your goals" loading="Loading your goals…" queries={[goals]} />;

  return (
    <Page
      title="Your goals"
      lead="What you'd like to be comfortable with, in your own words. Private, unless you put a reached goal in a summary."
    >
      <StatusMessage>{status}</StatusMessage>
      <section className="card" aria-labelledby={listHeading}>
        <h2 id={listHeading}>Goals</h2>
        {goals.data.length === 0 ? <p className="muted">No goals yet. There's no need for any; add one whenever it helps.</p> : null}
        <ul className="plain-list">
          {goals.data.map((goal) => (
            <GoalItem key={goal.id} spaceId={spaceId} goal={goal} onStatus={setStatus} />
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby={addHeading}>
        <h2 id={addHeading}>Add a goal</h2>
        <AddGoal spaceId={spaceId} onAdded={() => setStatus("Goal added.")} />
      </section>
    </Page>
  );
}

function AddGoal({ spaceId, onAdded }: { spaceId: string; onAdded: () => void }) {
  const queryClient = useQueryClient();
  const form = useSchemaForm(goalSchema, { title: "" });
  const add = useMutation({
    mutationFn: (body: { title: string }) =>
      call(api.POST("/api/v1/spaces/{space_id}/practice/goals", { params: { path: { space_id: spaceId } }, body })),
    onSuccess: async () => {
      form.reset({ title: "" });
      onAdded();
      await refreshPractice(queryClient, spaceId);
    },
    onError: (error) => form.fromError(error),
  });
  const submit = form.onSubmit((body) => add.mutate(body));
  return (
    <form className="form" noValidate onSubmit={submit}>
      <ErrorSummary message={form.message} errors={form.errors} />
      <Field
        label="Goal"
        name="title"
        hint="For example: use a tampon; a gynaecological exam without panic; comfortable with size 4."
        {...form.bind("title")}
        maxLength={GOAL_TITLE_MAX}
        autoComplete="off"
      />
      <Button type="submit" busy={add.isPending}>
        Add goal
      </Button>
    </form>
  );
}

function GoalItem({ spaceId, goal, onStatus }: { spaceId: string; goal: Goal; onStatus: (text: string) => void }) {
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const target = { params: { path: { space_id: spaceId, goal_id: goal.id } } };
  const save = useMutation({
    mutationFn: (body: { title: string; status: GoalStatus }) =>
      call(api.PUT("/api/v1/spaces/{space_id}/practice/goals/{goal_id}", { ...target, body })),
    onSuccess: async (saved) => {
      setEditing(false);
      onStatus(saved.status === "reached" && goal.status !== "reached" ? "Goal reached. That's worth noticing." : "Goal saved.");
      await refreshPractice(queryClient, spaceId);
    },
    onError: (error) => form.fromError(error),
  });
  const remove = useMutation({
    mutationFn: () => call(api.DELETE("/api/v1/spaces/{space_id}/practice/goals/{goal_id}", target)),
    onSuccess: async () => {
      onStatus("Goal removed.");
      await refreshPractice(queryClient, spaceId);
    },
    onError: (error) => form.fromError(error),
  });
  return (
    <li className="plain-list__item goal">
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      {editing ? (
        <EditGoal goal={goal} busy={save.isPending} onSave={(title) => save.mutate({ title, status: goal.status })} onCancel={() => setEditing(false)} />
      ) : (
        <>
          <span className="goal__title">
            {goal.title}
            {goal.status === "reached" ? <span className="tag">Reached</span> : null}
          </span>
          <Select<GoalStatus>
            label={`Status of “${goal.title}”`}
            name={`status_${goal.id}`}
            value={goal.status}
            onChange={(status) => save.mutate({ title: goal.title, status })}
            options={STATUSES.map((s) => ({ value: s, label: GOAL_STATUS_LABEL[s] }))}
          />
          <span className="actions">
            <Button variant="secondary" onClick={() => setEditing(true)} aria-label={`Edit “${goal.title}”`}>
              Edit
            </Button>
            <Button variant="link" onClick={() => setConfirming(true)} aria-label={`Remove “${goal.title}”`}>
              Remove
            </Button>
          </span>
          {confirming ? (
            <div className="goal__confirm" role="group" aria-label={`Remove “${goal.title}”?`}>
              <p>Remove “{goal.title}”? It can't be brought back.</p>
              <span className="actions">
                <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
                  Yes, remove it
                </Button>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  Keep it
                </Button>
              </span>
            </div>
          ) : null}
        </>
      )}
    </li>
  );
}

/** A goal's title, edited in place (the save goes through the item's own mutation and errors). */
function EditGoal({ goal, busy, onSave, onCancel }: { goal: Goal; busy: boolean; onSave: (title: string) => void; onCancel: () => void }) {
  const fieldName = `goal_${goal.id}`;
  const form = useSchemaForm(goalEditSchema(fieldName), { [fieldName]: goal.title });
  return (
    <form className="form goal__form" noValidate onSubmit={form.onSubmit((values) => onSave(values[fieldName] ?? ""))}>
      <ErrorSummary errors={form.errors} />
      <Field label="Goal" name={fieldName} maxLength={GOAL_TITLE_MAX} {...form.bind(fieldName)} />
      <span className="actions">
        <Button type="submit" busy={busy}>
          Save
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </span>
    </form>
  );
}
