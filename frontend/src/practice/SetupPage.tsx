import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useFieldArray } from "react-hook-form";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Checkbox, Field } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { Page } from "../ui/Page";
import { practiceQueries, refreshPractice } from "./queries";
import {
  clinicianPlanSchema,
  dilatorSetSchema,
  emptySizeRow,
  HINT_FIELDS,
  hintBody,
  hintSchema,
  planBody,
  PLAN_FIELDS,
  PLAN_NOTES_MAX,
  SIZE_LABEL_MAX,
  sizeRows,
  SIZES_MAX,
  withoutBlankRows,
  type HintField,
  type PlanField,
} from "./setupSchema";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { TextArea } from "../ui/Field";
import type { DilatorSetInput, Plan, PlanInput, Settings, SettingsInput, Size } from "./types";
import "./practice.css";
import { QueryFallback } from "../ui/QueryFallback";

export function SetupPage() {
  const { spaceId } = useCurrentSpace();
  const sizes = useQuery(practiceQueries.set(spaceId));
  const settings = useQuery(practiceQueries.settings(spaceId));
  const plan = useQuery(practiceQueries.plan(spaceId));
  if (!sizes.isSuccess || !settings.isSuccess || !plan.isSuccess) {
    return <QueryFallback title="Set and plan" queries={[sizes, settings, plan]} />;
  }
  return (
    <Page title="Your set, plan and settings" lead="All of this is private to you.">
      <SetSection spaceId={spaceId} sizes={sizes.data} />
      <PlanSection spaceId={spaceId} plan={plan.data} />
      <HintSection spaceId={spaceId} settings={settings.data} />
    </Page>
  );
}

function SetSection({ spaceId, sizes }: { spaceId: string; sizes: Size[] }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useSchemaForm(dilatorSetSchema, { sizes: sizeRows(sizes) });
  const rows = useFieldArray({ control: form.control, name: "sizes" });
  const [status, setStatus] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: DilatorSetInput) =>
      call(api.PUT("/api/v1/spaces/{space_id}/practice/dilator-set", { params: { path: { space_id: spaceId } }, body })),
    onMutate: () => setStatus(null),
    onSuccess: async (saved) => {
      form.reset({ sizes: sizeRows(saved) });
      setStatus("Your set is saved.");
      await refreshPractice(queryClient, spaceId);
    },
    onError: (error) => form.fromError(error),
  });

  const check = form.onSubmit((body) => save.mutate(body));
  function submit(event: FormEvent) {
    setStatus(null);
    // Rows left blank are not sizes: they go before the set is checked, so errors name the rows shown.
    const kept = withoutBlankRows(form.values.sizes);
    if (kept.length !== form.values.sizes.length) rows.replace(kept);
    check(event);
  }

  const listError = form.errors.find((error) => error.field === form.name("sizes"))?.message;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Your dilator set</h2>
      <p>
        List the sizes you have, smallest first, with the label you use for each (for example 1 to 6, or the
        diameter). Sizes you remove stay on past entries.
      </p>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <StatusMessage>{status}</StatusMessage>
        {/* Errors about the whole set (from the server) link here. */}
        <fieldset className={listError ? "field field--error" : "field"} id={`field-${form.name("sizes")}`}>
          <legend className="visually-hidden">Your sizes, smallest first</legend>
          {listError ? (
            <p className="field__error">
              <span className="visually-hidden">Error: </span>
              {listError}
            </p>
          ) : null}
          <ol className="size-rows">
            {rows.fields.map((row, index) => (
              <li key={row.id} className="size-rows__item">
                <Field
                  label={`Size ${index + 1} (from smallest)`}
                  name={form.name(`sizes.${index}.label`)}
                  maxLength={SIZE_LABEL_MAX}
                  autoComplete="off"
                  {...form.bind(`sizes.${index}.label`)}
                />
                <span className="size-rows__buttons">
                  <Button variant="link" disabled={index === 0} onClick={() => rows.move(index, index - 1)} aria-label={`Move size ${index + 1} up`}>
                    Up
                  </Button>
                  <Button
                    variant="link"
                    disabled={index === rows.fields.length - 1}
                    onClick={() => rows.move(index, index + 1)}
                    aria-label={`Move size ${index + 1} down`}
                  >
                    Down
                  </Button>
                  <Button variant="link" onClick={() => rows.remove(index)} aria-label={`Remove size ${index + 1}`}>
                    Remove
                  </Button>
                </span>
              </li>
            ))}
          </ol>
        </fieldset>
        <span className="actions">
          <Button
            variant="secondary"
            disabled={rows.fields.length >= SIZES_MAX}
            onClick={() => rows.append(emptySizeRow(), { shouldFocus: false })}
          >
            Add a size
          </Button>
          <Button type="submit" busy={save.isPending}>
            Save your set
          </Button>
        </span>
      </form>
    </section>
  );
}

function PlanSection({ spaceId, plan }: { spaceId: string; plan: Plan }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useSchemaForm(clinicianPlanSchema, {
    ...(Object.fromEntries(PLAN_FIELDS.map((f) => [f.name, plan[f.name] === null ? "" : String(plan[f.name])])) as Record<PlanField, string>),
    notes: plan.notes ?? "",
  });
  const [status, setStatus] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: PlanInput) =>
      call(api.PUT("/api/v1/spaces/{space_id}/practice/plan", { params: { path: { space_id: spaceId } }, body })),
    onMutate: () => setStatus(null),
    onSuccess: async () => {
      setStatus("Your plan is saved. Tandem now follows it.");
      await refreshPractice(queryClient, spaceId);
    },
    onError: (error) => form.fromError(error),
  });
  const submit = form.onSubmit((values) => save.mutate(planBody(values)));
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Your clinician's plan</h2>
      <p>
        If your clinician or pelvic-floor physiotherapist gave you a plan, enter what they said. Tandem then uses it
        in place of its own defaults (a 5 to 15 minute hold, and the readiness hint's thresholds). Leave empty what
        they didn't mention.
      </p>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <StatusMessage>{status}</StatusMessage>
        <div className="number-grid">
          {PLAN_FIELDS.map((field) => (
            <Field
              key={field.name}
              label={field.label}
              name={field.name}
              type="number"
              inputMode="numeric"
              min={field.min}
              max={field.max}
              {...form.bind(field.name)}
            />
          ))}
        </div>
        <TextArea label="Notes from your clinician (optional)" name="notes" maxLength={PLAN_NOTES_MAX} {...form.bind("notes")} />
        <Button type="submit" busy={save.isPending}>
          Save plan
        </Button>
      </form>
    </section>
  );
}

function HintSection({ spaceId, settings }: { spaceId: string; settings: Settings }) {
  const queryClient = useQueryClient();
  const form = useSchemaForm(hintSchema, {
    hint_enabled: settings.hint_enabled,
    ...(Object.fromEntries(HINT_FIELDS.map((f) => [f.name, String(settings[f.name])])) as Record<HintField, string>),
  });
  const [status, setStatus] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: SettingsInput) =>
      call(api.PUT("/api/v1/spaces/{space_id}/practice/settings", { params: { path: { space_id: spaceId } }, body })),
    onMutate: () => setStatus(null),
    onSuccess: async () => {
      setStatus("Your settings are saved.");
      await refreshPractice(queryClient, spaceId);
    },
    onError: (error) => form.fromError(error),
  });
  const submit = form.onSubmit((values) => save.mutate(hintBody(values)));
  const enabled = form.bind("hint_enabled");
  const fromPlan = new Set(settings.rule.from_plan);
  return (
    <section className="card" aria-labelledby="hint">
      <h2 id="hint" tabIndex={-1}>
        Readiness hint and breathing pacer
      </h2>
      <p>
        Off until you turn it on. When it is on and your last few sessions with one size, each on a different day,
        were held long enough with pain and anxiety at or below the levels below, your journal mentions that the next
        size may be worth trying when you feel ready. Sessions where you left pain or anxiety not rated don't count.
        It's only ever a hint, and you can switch it off again.
      </p>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <StatusMessage>{status}</StatusMessage>
        <Checkbox label="Show the readiness hint (off unless you tick it)" name="hint_enabled" checked={enabled.value} onChange={enabled.onChange} />
        <div className="number-grid">
          {HINT_FIELDS.map((field) => (
            <Field
              key={field.name}
              label={field.label}
              name={field.name}
              type="number"
              inputMode="numeric"
              min={field.min}
              max={field.max}
              {...form.bind(field.name)}
              hint={field.rule && fromPlan.has(field.rule) ? "Your clinician's plan sets this for now." : undefined}
            />
          ))}
        </div>
        <Button type="submit" busy={save.isPending}>
          Save settings
        </Button>
      </form>
    </section>
  );
}
