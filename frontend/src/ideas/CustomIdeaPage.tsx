import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { fieldName, problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field, RadioGroup, Select } from "../ui/Field";
import { useFormErrors } from "../ui/formErrors";
import { Page } from "../ui/Page";
import { CATEGORIES, CATEGORY_LABEL, CLOSENESS_LABEL } from "./labels";
import { refreshIdeas, ideaQueries } from "./queries";
import type { Category, CustomIdeaInput, Idea } from "./types";
import "./ideas.css";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { QueryFallback } from "../ui/QueryFallback";
import { schemaErrors } from "../ui/form";
import { DESCRIPTION_MAX, ideaSchema, TITLE_MAX } from "./ideaSchema";

interface Draft {
  title: string;
  description: string;
  category: Category;
  closeness: number;
  duration: string;
  needs: string;
  activities: string[];
}

const EMPTY: Draft = {
  title: "",
  description: "",
  category: "connection",
  closeness: 1,
  duration: "30",
  needs: "",
  activities: [],
};

function draftOf(idea: Idea): Draft {
  return {
    title: idea.title,
    description: idea.description,
    category: idea.category,
    closeness: idea.closeness,
    duration: String(idea.duration_minutes),
    needs: idea.needs.join(", "),
    activities: idea.activities,
  };
}

function bodyOf(draft: Draft): CustomIdeaInput {
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    category: draft.category,
    closeness: draft.closeness,
    duration_minutes: Number(draft.duration),
    needs: draft.needs
      .split(",")
      .map((need) => need.trim())
      .filter(Boolean),
    activities: draft.activities,
  };
}

function check(draft: Draft) {
  const { needs } = bodyOf(draft);
  return schemaErrors(ideaSchema, { title: draft.title, description: draft.description, duration_minutes: draft.duration, needs });
}

/** Add an idea of your own, or change or delete one you added. */
export function CustomIdeaPage() {
  const { spaceId } = useCurrentSpace();
  const { customId } = useParams();
  const editing = customId !== undefined;
  const ideaId = `custom-${customId ?? ""}`;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useFormErrors();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [confirming, setConfirming] = useState(false);
  const activitiesLegend = useId();

  const existing = useQuery({ ...ideaQueries.one(spaceId, ideaId), enabled: editing });
  const activities = useQuery(ideaQueries.activities());

  // The idea being edited fills the form once it has loaded (and again if it changes on the server).
  const [loaded, setLoaded] = useState<typeof existing.data>(undefined);
  if (existing.data && existing.data !== loaded) {
    setLoaded(existing.data);
    setDraft(draftOf(existing.data));
  }

  const save = useMutation({
    mutationFn: () =>
      editing
        ? call(
            api.PUT("/api/v1/spaces/{space_id}/custom-ideas/{custom_idea_id}", {
              params: { path: { space_id: spaceId, custom_idea_id: customId } },
              body: bodyOf(draft),
            }),
          )
        : call(
            api.POST("/api/v1/spaces/{space_id}/custom-ideas", {
              params: { path: { space_id: spaceId } },
              body: bodyOf(draft),
            }),
          ),
    onMutate: () => form.clear(),
    onSuccess: async () => {
      await refreshIdeas(queryClient, spaceId);
      void navigate("/space/ideas");
    },
    onError: (error) => {
      // "needs[3]" names an item of a list: point at the list's field.
      const problem = problemOf(error);
      if (problem && problem.errors.length > 0) {
        form.validate(problem.errors.map((e) => ({ ...e, field: e.field.replace(/\[\d+\]$/, "") })));
      } else {
        form.fromError(error);
      }
    },
  });

  const remove = useMutation({
    mutationFn: () =>
      call(
        api.DELETE("/api/v1/spaces/{space_id}/custom-ideas/{custom_idea_id}", {
          params: { path: { space_id: spaceId, custom_idea_id: customId ?? "" } },
        }),
      ),
    onSuccess: async () => {
      await refreshIdeas(queryClient, spaceId);
      void navigate("/space/ideas");
    },
    onError: (error) => form.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (form.validate(check(draft))) save.mutate();
  }

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
  }

  const title = editing ? "Change your idea" : "Add your own idea";
  if (editing && !existing.isSuccess) {
    return (
      <QueryFallback
        title={title}
        loading="Loading your idea…"
        problemTitle="We couldn't load this idea"
        back={{ to: "/space/ideas", label: "Back to the ideas" }}
        notFound={false}
        queries={[existing]}
      />
    );
  }
  const choices = (activities.data ?? []).filter((a) => !a.involves_penetration);

  return (
    <Page
      title={title}
      narrow
      lead="Your own ideas appear only in your space, for both of you, and can be answered and planned like any other."
    >
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary message={form.message} errors={form.errors.map((e) => ({ ...e, field: fieldName(e.field) }))} />
        <Field
          label="Title"
          name="title"
          value={draft.title}
          onChange={(value) => set("title", value)}
          error={form.fieldError("title")}
          maxLength={TITLE_MAX}
          required
        />
        <div className={form.fieldError("description") ? "field field--error" : "field"}>
          <label className="field__label" htmlFor="field-description">
            Description (optional)
          </label>
          <p className="field__hint" id="description-hint">
            How to do it, and what keeps it relaxed.
          </p>
          {form.fieldError("description") ? <p className="field__error">{form.fieldError("description")}</p> : null}
          <textarea
            id="field-description"
            className="field__input field__textarea"
            rows={4}
            maxLength={DESCRIPTION_MAX}
            value={draft.description}
            onChange={(event) => set("description", event.target.value)}
            aria-describedby="description-hint"
          />
        </div>
        <Select<Category>
          label="Kind of idea"
          name="category"
          value={draft.category}
          onChange={(value) => set("category", value)}
          options={CATEGORIES.map((category) => ({ value: category, label: CATEGORY_LABEL[category] }))}
        />
        <RadioGroup<number>
          legend="Closeness"
          name="closeness"
          value={draft.closeness}
          onChange={(level) => set("closeness", level)}
          error={form.fieldError("closeness")}
          options={[1, 2, 3, 4].map((level) => ({ value: level, label: `${level}: ${CLOSENESS_LABEL[level]}` }))}
        />
        <Field
          label="About how many minutes?"
          name="duration_minutes"
          type="number"
          inputMode="numeric"
          min={5}
          max={720}
          value={draft.duration}
          onChange={(value) => set("duration", value)}
          error={form.fieldError("duration_minutes")}
        />
        <Field
          label="What you'll need (optional)"
          name="needs"
          hint="Separate things with commas, for example: blanket, candles."
          value={draft.needs}
          onChange={(value) => set("needs", value)}
          error={form.fieldError("needs")}
        />
        <fieldset className="field" id="field-activities" aria-labelledby={activitiesLegend}>
          <legend className="field__label" id={activitiesLegend}>
            What it involves (optional)
          </legend>
          <p className="field__hint">
            If either of you has set one of these to "not right now", the idea stays out of your matches.
          </p>
          {form.fieldError("activities") ? <p className="field__error">{form.fieldError("activities")}</p> : null}
          <div className="checks">
            {choices.map((activity) => (
              <div className="checkbox" key={activity.id}>
                <input
                  id={`activity-${activity.id}`}
                  type="checkbox"
                  className="checkbox__input"
                  checked={draft.activities.includes(activity.id)}
                  onChange={(event) =>
                    set(
                      "activities",
                      event.target.checked
                        ? [...draft.activities, activity.id]
                        : draft.activities.filter((id) => id !== activity.id),
                    )
                  }
                />
                <label className="checkbox__label" htmlFor={`activity-${activity.id}`}>
                  {activity.title}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="actions">
          <Button type="submit" busy={save.isPending}>
            {editing ? "Save changes" : "Add idea"}
          </Button>
          <Link className="button button--secondary" to="/space/ideas">
            Back
          </Link>
        </div>
      </form>
      {editing ? (
        <section className="card page__aside" aria-label="Delete this idea">
          {confirming ? (
            <div className="confirm" role="group" aria-label="Confirm deleting the idea">
              <p className="confirm__question">Delete this idea, with both your answers and any plans made from it?</p>
              <div className="actions">
                <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
                  Yes, delete it
                </Button>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  Keep it
                </Button>
              </div>
            </div>
          ) : (
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              Delete this idea
            </Button>
          )}
        </section>
      ) : null}
    </Page>
  );
}
