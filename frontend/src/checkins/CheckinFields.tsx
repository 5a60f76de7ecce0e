import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import type { FieldError } from "../api/problem";
import { Loading } from "../ui/Loading";
import { TextArea, RadioGroup } from "../ui/Field";
import { CHOICES } from "./fields";
import type { Closeness, TogetherAnswer } from "./types";
import { checkinQueries } from "./queries";
import {
  CLOSENESS,
  FEELINGS_MAX,
  HELP_LENGTH,
  MOODS,
  NOTE_LENGTH,
  OWN_WORD_LENGTH,
  OWN_WORDS_MAX,
} from "./words";

export interface CheckinDraft {
  mood: number | null;
  feelings: string[];
  ownWords: string[];
  closeness: Closeness | null;
  help: string;
  note: string;
}

export const EMPTY_DRAFT: CheckinDraft = {
  mood: null,
  feelings: [],
  ownWords: ["", "", ""],
  closeness: null,
  help: "",
  note: "",
};

/** Client-side checks, worded like the server's; the server checks again. */
export function checkDraft(draft: CheckinDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (draft.mood === null) errors.push({ field: "mood", message: "Choose how you're feeling overall." });
  if (draft.feelings.length > FEELINGS_MAX) {
    errors.push({ field: "feelings", message: `Choose at most ${FEELINGS_MAX} feelings.` });
  }
  draft.ownWords.forEach((word, index) => {
    if (word.trim().length > OWN_WORD_LENGTH) {
      errors.push({ field: `own_word_${index + 1}`, message: `Keep each of your own words under ${OWN_WORD_LENGTH} characters.` });
    }
  });
  if (draft.closeness === null) {
    errors.push({ field: "closeness", message: "Choose how much room for closeness you have today." });
  }
  return errors;
}

export function answerOf(draft: CheckinDraft): TogetherAnswer {
  return {
    mood: draft.mood ?? 3,
    closeness: draft.closeness ?? "none",
    feelings: draft.feelings,
    own_words: draft.ownWords.map((w) => w.trim()).filter(Boolean),
    help_from_you: draft.help.trim(),
    note: draft.note.trim(),
  };
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
        {families.isPending ? <Loading label="Loading feelings…" /> : null}
        {families.isError ? <p>We couldn't load the list of feelings. You can still use your own words.</p> : null}
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
