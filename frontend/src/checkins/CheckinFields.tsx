import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useSchemaForm } from "../ui/form";
import { QueryStatus } from "../ui/QueryFallback";
import { TextArea, RadioGroup } from "../ui/Field";
import { CHOICES } from "./fields";
import type { Closeness } from "./types";
import { checkinSchema, EMPTY_CHECKIN } from "./schemas";
import { checkinQueries } from "./queries";
import { CLOSENESS, FEELINGS_MAX, HELP_LENGTH, MOODS, NOTE_LENGTH, OWN_WORD_LENGTH, OWN_WORDS_MAX } from "./words";

export interface CheckinDraft {
  mood: number | null;
  feelings: string[];
  ownWords: string[];
  closeness: Closeness | null;
  help: string;
  note: string;
}

/**
 * A check-in form (on one's own or together): useSchemaForm with checkinSchema, and the draft the
 * fields below show and change.
 */
export function useCheckinForm() {
  const form = useSchemaForm(checkinSchema, EMPTY_CHECKIN);
  const values = form.values;
  const draft: CheckinDraft = {
    mood: values.mood,
    feelings: values.feelings,
    ownWords: [values.own_word_1, values.own_word_2, values.own_word_3],
    closeness: values.closeness,
    help: values.help_from_you,
    note: values.note,
  };
  const setDraft = (next: CheckinDraft) => {
    form.set("mood", next.mood);
    form.set("feelings", next.feelings);
    form.set("own_word_1", next.ownWords[0] ?? "");
    form.set("own_word_2", next.ownWords[1] ?? "");
    form.set("own_word_3", next.ownWords[2] ?? "");
    form.set("closeness", next.closeness);
    form.set("help_from_you", next.help);
    form.set("note", next.note);
  };
  const fieldError = (field: string) => form.errors.find((error) => error.field === field)?.message;
  return { form, draft, setDraft, fieldError };
}

interface CheckinFieldsProps {
  draft: CheckinDraft;
  onChange: (draft: CheckinDraft) => void;
  fieldError: (field: string) => string | undefined;
  partnerName: string;
  /**
   * Which fields: all of them (checking in together), or a quick check-in's two parts: mood and
   * closeness first, then feelings, own words and notes behind "add more".
   */
  part?: "all" | "essentials" | "more";
}

/** The check-in's own fields, shared by a check-in on one's own and one made together. */
export function CheckinFields({ draft, onChange, fieldError, partnerName, part = "all" }: CheckinFieldsProps) {
  const feelingsHint = useId();
  const families = useQuery(checkinQueries.feelings());

  function toggleFeeling(id: string, on: boolean) {
    const feelings = on ? [...draft.feelings, id] : draft.feelings.filter((f) => f !== id);
    onChange({ ...draft, feelings });
  }

  function setOwnWord(index: number, word: string) {
    const ownWords = draft.ownWords.map((w, i) => (i === index ? word : w));
    onChange({ ...draft, ownWords });
  }

  const feelingsError = fieldError("feelings");
  const mood = (
    <>
      <RadioGroup<number>
        look={CHOICES}
        legend="How are you feeling overall?"
        name="mood"
        value={draft.mood}
        onChange={(mood) => onChange({ ...draft, mood })}
        error={fieldError("mood")}
        options={MOODS.map((m) => ({ value: m.value, label: m.label, decoration: m.face }))}
      />
    </>
  );
  const feelings = (
    <>
      <fieldset
        className={feelingsError ? "field field--error" : "field"}
        id="field-feelings"
        aria-describedby={feelingsHint}
      >
        <legend className="field__label">Which feelings are here today?</legend>
        <p className="field__hint" id={feelingsHint}>
          Pick any that fit, up to {FEELINGS_MAX}. Every feeling is allowed here.
        </p>
        {feelingsError ? <p className="field__error">{feelingsError}</p> : null}
        <QueryStatus
          query={families}
          loading="Loading feelings…"
          failed="We couldn't load the list of feelings. You can still use your own words."
        />
        {families.data?.map((family) => (
          <fieldset key={family.id} className="feelings__family">
            <legend className="feelings__title">{family.title}</legend>
            <div className="feelings__words">
              {family.words.map((word) => {
                const id = `feeling-${word.id}`;
                const checked = draft.feelings.includes(word.id);
                return (
                  <div key={word.id} className={checked ? "chip chip--on" : "chip"}>
                    <input
                      id={id}
                      type="checkbox"
                      className="chip__input"
                      checked={checked}
                      onChange={(event) => toggleFeeling(word.id, event.target.checked)}
                    />
                    <label htmlFor={id} className="chip__label">
                      {word.word}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
      </fieldset>

      <fieldset className="field" id="field-own_words">
        <legend className="field__label">Or in your own words</legend>
        <p className="field__hint">Up to {OWN_WORDS_MAX} words or short phrases, if the list doesn't say it.</p>
        <div className="own-words">
          {draft.ownWords.map((word, index) => {
            const name = `own_word_${index + 1}`;
            const error = fieldError(name);
            return (
              <div key={name} className={error ? "field field--error" : "field"}>
                <label className="field__label field__label--quiet" htmlFor={`field-${name}`}>
                  Your own word {index + 1}
                </label>
                {error ? <p className="field__error">{error}</p> : null}
                <input
                  id={`field-${name}`}
                  className="field__input"
                  value={word}
                  maxLength={OWN_WORD_LENGTH}
                  autoComplete="off"
                  onChange={(event) => setOwnWord(index, event.target.value)}
                  aria-invalid={error ? true : undefined}
                />
              </div>
            );
          })}
        </div>
      </fieldset>
    </>
  );
  const closeness = (
    <>
      <RadioGroup<Closeness>
        look={CHOICES}
        legend="How much room for closeness do you have today?"
        name="closeness"
        value={draft.closeness}
        onChange={(closeness) => onChange({ ...draft, closeness })}
        error={fieldError("closeness")}
        options={CLOSENESS}
      />
    </>
  );
  const notes = (
    <>
      <TextArea
        label={`What would help me from you, ${partnerName}?`}
        name="help_from_you"
        hint="Optional. A small, concrete wish is easiest to act on."
        value={draft.help}
        onChange={(help) => onChange({ ...draft, help })}
        maxLength={HELP_LENGTH}
        error={fieldError("help_from_you")}
        rows={2}
      />
      <TextArea
        label="Anything else you'd like to note"
        name="note"
        hint="Optional."
        value={draft.note}
        onChange={(note) => onChange({ ...draft, note })}
        maxLength={NOTE_LENGTH}
        error={fieldError("note")}
        rows={4}
      />
    </>
  );

  if (part === "essentials") {
    return (
      <>
        {mood}
        {closeness}
      </>
    );
  }
  if (part === "more") {
    return (
      <>
        {feelings}
        {notes}
      </>
    );
  }
  return (
    <>
      {mood}
      {feelings}
      {closeness}
      {notes}
    </>
  );
}
