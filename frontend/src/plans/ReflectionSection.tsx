import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Checkbox, RadioGroup, TextArea } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { FEELING_LABEL, FEELINGS } from "./describe";
import { REFLECTION_NOTE_MAX, reflectionSchema } from "./planSchema";
import { refreshPlans, planKeys } from "./queries";
import type { Plan } from "./types";
import type * as v from "valibot";
import "./plans.css";

/** A private reflection after the plan's time; shared with the partner only when ticked. */
export function ReflectionSection({ spaceId, plan }: { spaceId: string; plan: Plan }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const mine = plan.my_reflection;
  const blank = { feeling: "", comfort: 5, note: "", shared: false };
  const form = useSchemaForm(
    reflectionSchema,
    mine ? { feeling: mine.feeling, comfort: mine.comfort, note: mine.note, shared: mine.shared } : blank,
  );
  const [status, setStatus] = useState<string | null>(null);

  // A reflection saved elsewhere (or just now) refills the form.
  useEffect(() => {
    if (mine) form.reset({ feeling: mine.feeling, comfort: mine.comfort, note: mine.note, shared: mine.shared });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- form.reset is react-hook-form's (stable)
  }, [mine]);

  const path = { params: { path: { space_id: spaceId, plan_id: plan.id } } };
  const done = async (message: string) => {
    setStatus(message);
    await queryClient.invalidateQueries({ queryKey: planKeys.one(spaceId, plan.id) });
    await refreshPlans(queryClient, spaceId);
  };
  const save = useMutation({
    mutationFn: (body: v.InferOutput<typeof reflectionSchema>) =>
      call(api.PUT("/api/v1/spaces/{space_id}/plans/{plan_id}/reflection", { ...path, body })),
    onSuccess: (saved) =>
      done(saved.my_reflection?.shared ? "Saved and shared with your partner." : "Saved. Only you can see it."),
    onError: (error) => form.fromError(error),
  });
  const remove = useMutation({
    mutationFn: () => call(api.DELETE("/api/v1/spaces/{space_id}/plans/{plan_id}/reflection", path)),
    onSuccess: () => {
      form.reset(blank);
      return done("Your reflection is deleted.");
    },
    onError: (error) => form.fromError(error),
  });

  const submit = form.onSubmit((body) => save.mutate(body));
  const comfort = form.bind("comfort");
  const shared = form.bind("shared");

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>How was it?</h2>
      {plan.partner_reflection ? (
        <div className="reflection reflection--partner">
          <h3>Your partner shared</h3>
          <p>
            Felt: <strong>{FEELING_LABEL[plan.partner_reflection.feeling]}</strong>. Comfort:{" "}
            <strong>{plan.partner_reflection.comfort} of 10</strong>.
          </p>
          {plan.partner_reflection.note ? <p className="reflection__note">{plan.partner_reflection.note}</p> : null}
        </div>
      ) : null}
      <p>
        A private note for yourself. Nothing here is shared unless you tick the box. If something felt painful or
        worrying, your clinician or pelvic-floor physiotherapist is the right person to talk it through with.
      </p>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <StatusMessage>{status}</StatusMessage>
        <RadioGroup
          legend="How did it feel?"
          name="feeling"
          options={FEELINGS.map((value) => ({ value, label: FEELING_LABEL[value] }))}
          {...form.bind("feeling")}
        />
        <div className="field" id="field-comfort">
          <label className="field__label" htmlFor="comfort">
            How comfortable were you, from 0 to 10?
          </label>
          <div className="comfort">
            <input
              id="comfort"
              type="range"
              className="comfort__range"
              min={0}
              max={10}
              step={1}
              value={comfort.value}
              onChange={(event) => comfort.onChange(Number(event.target.value))}
              aria-valuetext={`${comfort.value} of 10`}
            />
            <output className="comfort__value" htmlFor="comfort">
              {comfort.value}
            </output>
          </div>
        </div>
        <TextArea label="A note (optional)" name="note" rows={4} maxLength={REFLECTION_NOTE_MAX} {...form.bind("note")} />
        <Checkbox name="shared" label="Share this with my partner" checked={shared.value} onChange={shared.onChange} />
        <div className="actions">
          <Button type="submit" busy={save.isPending}>
            Save reflection
          </Button>
          {mine ? (
            <Button variant="secondary" busy={remove.isPending} onClick={() => remove.mutate()}>
              Delete my reflection
            </Button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
