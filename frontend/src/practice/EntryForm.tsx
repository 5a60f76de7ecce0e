import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { isSavedOnDevice, KEPT_ON_DEVICE } from "../offline/writes";
import { Field, RadioGroup, Select } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { entrySchema, NOTE_MAX } from "./entrySchema";
import { refreshPractice } from "./queries";
import { TextArea } from "../ui/Field";
import { ScaleChoice } from "./inputs";
import { DEPTH_LABEL, KIND_LABEL, KIND_ORDER, SCALE_ENDS } from "./labels";
import { InlineSetForm } from "./InlineSetForm";
import { fromLocalInput, toLocalInput } from "./time";
import type { Depth, Entry, EntryInput, Overview, PracticeKind } from "./types";

export { NOTE_MAX };

export interface EntryDraft {
  kind: PracticeKind;
  when: Date;
  minutes: number;
  sizeId: string | null;
  depth: Depth;
  /** null is "not rated". */
  pain: number | null;
  anxiety: number | null;
  note: string;
  guided: boolean;
}

/**
 * Sensible defaults for a quick log: now, dilator, the last size, depth and minutes (or the plan's
 * shortest hold). Pain and anxiety always start "not rated": how it felt is asked fresh each time.
 */
export function defaultDraft(overview: Overview): EntryDraft {
  const last = overview.last_dilator;
  const sizes = overview.sizes;
  const lastSize = last?.size_id && sizes.some((s) => s.id === last.size_id) ? last.size_id : null;
  return {
    kind: sizes.length > 0 ? "dilator" : "breathing",
    when: new Date(),
    minutes: last?.minutes ?? overview.hold_window.min_minutes,
    sizeId: lastSize ?? sizes[0]?.id ?? null,
    depth: last?.depth ?? "partly",
    pain: null,
    anxiety: null,
    note: "",
    guided: false,
  };
}

export function draftFromEntry(entry: Entry): EntryDraft {
  return {
    kind: entry.kind,
    when: new Date(entry.practised_at),
    minutes: entry.minutes,
    sizeId: entry.size_id,
    depth: entry.depth ?? "partly",
    pain: entry.pain,
    anxiety: entry.anxiety,
    note: entry.note ?? "",
    guided: entry.guided,
  };
}

interface EntryFormProps {
  spaceId: string;
  overview: Overview;
  initial: EntryDraft;
  entryId?: string;
  /** Sizes to offer besides the current set (an old entry's retired size). */
  extraSize?: { id: string; label: string } | null;
  submitLabel: string;
  onSaved: (entry: Entry) => void;
}

interface SaveRequest {
  body: EntryInput;
  /** The patient said yes to a second, near-identical copy. */
  confirm: boolean;
}

/**
 * One screen for a dilator entry: size, depth, minutes and the two scales, with Save in a bar that
 * stays in reach. The time and a note sit behind "More details" (now, and no note, unless changed).
 */
export function EntryForm({ spaceId, overview, initial, entryId, extraSize, submitLabel, onSaved }: EntryFormProps) {
  const queryClient = useQueryClient();
  // Saved offline: the entry waits in the outbox (src/offline/writes.ts); the form confirms it.
  const [kept, setKept] = useState(false);
  const defaults = {
    kind: initial.kind,
    practised_at: toLocalInput(initial.when),
    minutes: String(initial.minutes),
    size_id: initial.sizeId ?? "",
    depth: initial.depth,
    pain: initial.pain,
    anxiety: initial.anxiety,
    note: initial.note,
  };
  const form = useSchemaForm(entrySchema, defaults);
  const { kind, pain, anxiety } = form.values;

  const sizes = [...overview.sizes.map((s) => ({ id: s.id, label: s.label }))];
  if (extraSize && !sizes.some((s) => s.id === extraSize.id)) sizes.push(extraSize);
  const dilator = kind === "dilator";

  // A near-identical entry already saved: the server asks (409) before a second copy.
  const [pending, setPending] = useState<EntryInput | null>(null);

  const save = useMutation({
    mutationFn: ({ body, confirm }: SaveRequest) =>
      entryId
        ? call(
            api.PUT("/api/v1/spaces/{space_id}/practice/entries/{entry_id}", {
              params: { path: { space_id: spaceId, entry_id: entryId } },
              body,
            }),
          )
        : call(
            api.POST("/api/v1/spaces/{space_id}/practice/entries", {
              params: { path: { space_id: spaceId }, query: confirm ? { confirm_duplicate: true } : {} },
              body,
            }),
          ),
    onSuccess: async (entry) => {
      setPending(null);
      await refreshPractice(queryClient, spaceId);
      onSaved(entry);
    },
    onMutate: () => setKept(false),
    onError: (error, { body }) => {
      if (!entryId && problemOf(error)?.status === 409) setPending(body);
      else if (isSavedOnDevice(error)) {
        form.reset(defaults);
        setKept(true);
      } else form.fromError(error);
    },
  });

  const submit = form.onSubmit((entry) => {
    const isDilator = entry.kind === "dilator";
    save.mutate({
      body: {
        kind: entry.kind,
        practised_at: fromLocalInput(entry.practised_at) ?? "",
        minutes: Number(entry.minutes),
        size_id: isDilator ? entry.size_id : null,
        depth: isDilator ? entry.depth : null,
        pain: isDilator ? entry.pain : null,
        anxiety: isDilator ? entry.anxiety : null,
        note: entry.note.trim() === "" ? null : entry.note,
        guided: initial.guided,
      },
      confirm: false,
    });
  });

  return (
    <form className="form entry-form" noValidate onSubmit={submit}>
      <ErrorSummary message={form.message} errors={form.errors} />
      <StatusMessage>{kept ? KEPT_ON_DEVICE : null}</StatusMessage>
      <Select<PracticeKind>
        label="What did you practise?"
        name="kind"
        {...form.bind("kind")}
        options={KIND_ORDER.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
      />
      {dilator && sizes.length === 0 ? (
        // Described here, not on another page: what was typed above and below stays. The smallest size
        // is then preselected.
        <InlineSetForm spaceId={spaceId} onSaved={(saved) => form.set("size_id", saved[0]?.id ?? "")} />
      ) : null}
      {dilator && sizes.length > 0 ? (
        <RadioGroup<string>
          legend="Size"
          name="size_id"
          inline
          look={ROW_LOOK}
          {...form.bind("size_id")}
          options={sizes.map((s) => ({ value: s.id, label: `Size ${s.label}` }))}
        />
      ) : null}
      {dilator ? (
        <RadioGroup<Depth>
          legend="How far did it go?"
          name="depth"
          look={ROW_LOOK}
          {...form.bind("depth")}
          options={(["tip", "partly", "fully"] as const).map((d) => ({ value: d, label: DEPTH_LABEL[d] }))}
        />
      ) : null}
      <Field
        label={dilator ? "Minutes held" : "Minutes"}
        name="minutes"
        type="number"
        inputMode="numeric"
        min={1}
        max={240}
        {...form.bind("minutes")}
      />
      {dilator ? (
        <>
          <ScaleChoice label="Pain" name="pain" value={pain} onChange={(value) => form.set("pain", value)} {...SCALE_ENDS.pain} />
          <ScaleChoice
            label="Anxiety"
            name="anxiety"
            value={anxiety}
            onChange={(value) => form.set("anxiety", value)}
            {...SCALE_ENDS.anxiety}
            hint="A way to notice how you felt, not a test to pass."
          />
        </>
      ) : null}
      <details className="entry-form__more" open={Boolean(entryId) || undefined}>
        <summary>More details: when, and a note</summary>
        <Field label="When" name="practised_at" type="datetime-local" {...form.bind("practised_at")} />
        <TextArea label="Note (optional)" name="note" {...form.bind("note")} maxLength={NOTE_MAX} hint="Only you can read it." />
      </details>
      {pending ? (
        <div className="entry-twin action-bar" role="alertdialog" aria-labelledby="entry-twin-text" aria-modal="false">
          <p id="entry-twin-text">You saved a very similar entry a few minutes from this one. Save a second copy?</p>
          <div className="actions">
            <Button busy={save.isPending} onClick={() => save.mutate({ body: pending, confirm: true })}>
              Save a second copy
            </Button>
            <Button variant="secondary" onClick={() => setPending(null)}>
              Don't save
            </Button>
          </div>
        </div>
      ) : (
        <div className="action-bar">
          <Button type="submit" className="button--wide" busy={save.isPending}>
            {submitLabel}
          </Button>
        </div>
      )}
    </form>
  );
}

/** Sizes and depths as a row of large buttons rather than a tall list. */
const ROW_LOOK = {
  options: "choice-row",
  option: "choice-row__item",
  input: "choice-row__input",
  label: "choice-row__label",
};
