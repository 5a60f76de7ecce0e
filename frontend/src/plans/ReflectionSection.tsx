import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Checkbox, RadioGroup } from "../ui/Field";
import { useFormErrors } from "../ui/forms";
import { FEELING_LABEL, FEELINGS } from "./describe";
import { refreshPlans, planKeys } from "./queries";
import type { Feeling, Plan } from "./types";
import "./plans.css";

/** A private reflection after the plan's time; shared with the partner only when ticked. */
export function ReflectionSection({ spaceId, plan }: { spaceId: string; plan: Plan }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useFormErrors();
  const mine = plan.my_reflection;
  const [feeling, setFeeling] = useState<Feeling | "">(mine?.feeling ?? "");
  const [comfort, setComfort] = useState(mine?.comfort ?? 5);
  const [note, setNote] = useState(mine?.note ?? "");
  const [shared, setShared] = useState(mine?.shared ?? false);
  const [status, setStatus] = useState<string | null>(null);

  // A reflection saved elsewhere (or just now) refills the form.
  const [loaded, setLoaded] = useState(mine);
  if (mine && mine !== loaded) {
    setLoaded(mine);
    setFeeling(mine.feeling);
    setComfort(mine.comfort);
    setNote(mine.note);
    setShared(mine.shared);
  }

  const path = { params: { path: { space_id: spaceId, plan_id: plan.id } } };
  const done = async (message: string) => {
    setStatus(message);
    await queryClient.invalidateQueries({ queryKey: planKeys.one(spaceId, plan.id) });
    await refreshPlans(queryClient, spaceId);
  };
  const save = useMutation({
    mutationFn: () =>
      call(
        api.PUT("/api/v1/spaces/{space_id}/plans/{plan_id}/reflection", {
          ...path,
          body: { feeling: feeling as Feeling, comfort, note, shared },
        }),
      ),
    onMutate: () => form.clear(),
    onSuccess: (saved) =>
      done(saved.my_reflection?.shared ? "Saved and shared with your partner." : "Saved. Only you can see it."),
    onError: (error) => form.fromError(error),
  });
  const remove = useMutation({
    mutationFn: () => call(api.DELETE("/api/v1/spaces/{space_id}/plans/{plan_id}/reflection", path)),
    onSuccess: () => {
      setFeeling("");
      setComfort(5);
      setNote("");
      setShared(false);
      return done("Your reflection is deleted.");
    },
    onError: (error) => form.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = feeling === "" ? [{ field: "feeling", message: "Choose the word that fits best." }] : [];
    if (form.validate(errors)) save.mutate();
  }

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
          value={feeling}
          options={FEELINGS.map((value) => ({ value, label: FEELING_LABEL[value] }))}
          onChange={setFeeling}
          error={form.fieldError("feeling")}
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
              value={comfort}
              onChange={(event) => setComfort(Number(event.target.value))}
              aria-valuetext={`${comfort} of 10`}
            />
            <output className="comfort__value" htmlFor="comfort">
              {comfort}
            </output>
          </div>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="field-note">
            A note (optional)
          </label>
          <textarea
            id="field-note"
            className="field__input field__textarea"
            rows={4}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
        <Checkbox name="shared" label="Share this with my partner" checked={shared} onChange={setShared} />
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
