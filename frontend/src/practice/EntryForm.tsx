import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../api/client";
import { call } from "../api/call";
import { problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field, RadioGroup, Select } from "../ui/Field";
import { useSchemaForm } from "../ui/form";
import { entrySchema, NOTE_MAX } from "./entrySchema";
import { refreshPractice } from "./queries";
import { TextArea } from "../ui/Field";
import { ScaleChoice } from "./inputs";
import { DEPTH_LABEL, KIND_LABEL, KIND_ORDER, SCALE_ENDS } from "./labels";
import { findNearDuplicate, NEAR_MINUTES } from "./nearDuplicate";
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

export function EntryForm({ spaceId, overview, initial, entryId, extraSize, submitLabel, onSaved }: EntryFormProps) {
  const queryClient = useQueryClient();
  const form = useSchemaForm(entrySchema, {
    kind: initial.kind,
    practised_at: toLocalInput(initial.when),
    minutes: String(initial.minutes),
    size_id: initial.sizeId ?? "",
    depth: initial.depth,
    pain: initial.pain,
    anxiety: initial.anxiety,
    note: initial.note,
  });
  const { kind, pain, anxiety } = form.values;

  const sizes = [...overview.sizes.map((s) => ({ id: s.id, label: s.label }))];
  if (extraSize && !sizes.some((s) => s.id === extraSize.id)) sizes.push(extraSize);
  const dilator = kind === "dilator";

  const save = useMutation({
    mutationFn: (body: EntryInput) =>
      entryId
        ? call(
            api.PUT("/api/v1/spaces/{space_id}/practice/entries/{entry_id}", {
              params: { path: { space_id: spaceId, entry_id: entryId } },
              body,
            }),
          )
        : call(api.POST("/api/v1/spaces/{space_id}/practice/entries", { params: { path: { space_id: spaceId } }, body })),
    onSuccess: async (entry) => {
      await refreshPractice(queryClient, spaceId);
      onSaved(entry);
    },
    onError: (error) => form.fromError(error),
  });

  // A near-identical entry saved a few minutes ago: ask before saving a second copy.
  const [pending, setPending] = useState<EntryInput | null>(null);
  const [checking, setChecking] = useState(false);
  const saveChecked = async (body: EntryInput) => {
    if (entryId) {
      save.mutate(body);
      return;
    }
    setChecking(true);
    try {
      const twin = await findNearDuplicate(spaceId, body);
      if (twin) setPending(body);
      else save.mutate(body);
    } catch (error) {
      // Offline the journal cannot be asked; the entry then waits on the phone (src/offline/writes.ts).
      if (problemOf(error)?.status === 0) save.mutate(body);
      else form.fromError(error);
    } finally {
      setChecking(false);
    }
  };

  const submit = form.onSubmit((entry) => {
    const isDilator = entry.kind === "dilator";
    void saveChecked({
      kind: entry.kind,
      practised_at: fromLocalInput(entry.practised_at) ?? "",
      minutes: Number(entry.minutes),
      size_id: isDilator ? entry.size_id : null,
      depth: isDilator ? entry.depth : null,
      pain: isDilator ? entry.pain : null,
      anxiety: isDilator ? entry.anxiety : null,
      note: entry.note.trim() === "" ? null : entry.note,
      guided: initial.guided,
    });
  });

  return (
    <form className="form" noValidate onSubmit={submit}>
      <ErrorSummary message={form.message} errors={form.errors} />
      <Select<PracticeKind>
        label="What did you practise?"
        name="kind"
        {...form.bind("kind")}
        options={KIND_ORDER.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
      />
      {dilator && sizes.length === 0 ? (
        <p className="practice-note">
          Add the sizes of your dilator set first, then you can log dilator practice.{" "}
          <Link to="/practice/setup">Describe your set</Link>
        </p>
      ) : null}
      {dilator && sizes.length > 0 ? (
        <RadioGroup<string>
          legend="Size"
          name="size_id"
          {...form.bind("size_id")}
          options={sizes.map((s) => ({ value: s.id, label: `Size ${s.label}` }))}
        />
      ) : null}
      {dilator ? (
        <RadioGroup<Depth>
          legend="How far did it go?"
          name="depth"
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
      <Field
        label="When"
        name="practised_at"
        type="datetime-local"
        {...form.bind("practised_at")}
      />
      <TextArea
        label="Note (optional)"
        name="note"
        {...form.bind("note")}
        maxLength={NOTE_MAX}
        hint="Only you can read it."
      />
      {pending ? (
        <div className="entry-twin" role="alertdialog" aria-labelledby="entry-twin-text" aria-modal="false">
          <p id="entry-twin-text">
            You saved a very similar entry in the last {NEAR_MINUTES} minutes. Save a second copy?
          </p>
          <div className="actions">
            <Button
              busy={save.isPending}
              onClick={() => {
                save.mutate(pending);
                setPending(null);
              }}
            >
              Save a second copy
            </Button>
            <Button variant="secondary" onClick={() => setPending(null)}>
              Don't save
            </Button>
          </div>
        </div>
      ) : (
        <Button type="submit" busy={save.isPending || checking}>
          {submitLabel}
        </Button>
      )}
    </form>
  );
}
