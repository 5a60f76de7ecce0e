import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Checkbox, Field } from "../ui/Field";
import { useFormErrors, useSchemaForm } from "../ui/form";
import { reminderKeys, reminderQueries } from "./queries";
import { reminderSchema } from "./reminderSchema";

type Reminder = components["schemas"]["ReminderOut"];
type Kind = Reminder["kind"];

const KINDS: { kind: Kind; label: string }[] = [
  { kind: "practice", label: "A reminder to practise" },
  { kind: "checkin", label: "A reminder to check in" },
];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function describe(reminder: Reminder): string {
  const days =
    reminder.weekdays.length === 0 ? "Every day" : `On ${reminder.weekdays.map((d) => WEEKDAYS[d - 1]).join(", ")}`;
  return `${days} at ${reminder.at}.`;
}

/**
 * Gentle reminders, each member's own: off until added, rung by their calendar app from their own
 * calendar feed with a neutral title. One switch turns each off.
 */
export function RemindersSection({ spaceId }: { spaceId: string }) {
  const headingId = useId();
  const reminders = useQuery(reminderQueries.mine(spaceId));
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Gentle reminders</h2>
      <p>
        If you'd like a nudge, add one to your own calendar feed (above): your calendar app shows “Time for you” or
        “A moment for you” at the time you choose, nothing more. Only you see these, and nothing is counted if you let
        one pass.
      </p>
      {reminders.isError ? <p className="muted">Your reminders couldn't be loaded just now.</p> : null}
      {reminders.data
        ? KINDS.map(({ kind, label }) => (
            <ReminderSwitch key={kind} spaceId={spaceId} kind={kind} label={label} current={reminders.data[kind] ?? null} />
          ))
        : null}
    </section>
  );
}

function ReminderSwitch({
  spaceId,
  kind,
  label,
  current,
}: {
  spaceId: string;
  kind: Kind;
  label: string;
  current: Reminder | null;
}) {
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const groupId = useId();
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const path = { params: { path: { space_id: spaceId, reminder_kind: kind } } };
  const refresh = () => queryClient.invalidateQueries({ queryKey: reminderKeys.mine(spaceId) });

  const turnOff = useMutation({
    mutationFn: () => call(api.DELETE("/api/v1/spaces/{space_id}/reminders/{reminder_kind}", path)),
    onMutate: () => form.clear(),
    onSuccess: async () => {
      setStatus("Reminder off. It leaves your calendar when it next refreshes.");
      await refresh();
    },
    onError: (error) => form.fromError(error),
  });

  return (
    <div className="reminder" role="group" aria-labelledby={groupId}>
      <h3 id={groupId}>{label}</h3>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      <StatusMessage>{status}</StatusMessage>
      {editing ? (
        <ReminderForm
          spaceId={spaceId}
          kind={kind}
          current={current}
          onSaved={async (saved) => {
            setEditing(false);
            setStatus(`Reminder saved. ${describe(saved)}`);
            await refresh();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : current ? (
        <>
          <p>{describe(current)}</p>
          <div className="actions">
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Change<span className="visually-hidden"> {label.toLowerCase()}</span>
            </Button>
            <Button variant="secondary" busy={turnOff.isPending} onClick={() => turnOff.mutate()}>
              Turn off<span className="visually-hidden"> {label.toLowerCase()}</span>
            </Button>
          </div>
        </>
      ) : (
        <>
          <p className="muted">Off.</p>
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Add<span className="visually-hidden"> {label.toLowerCase()}</span>
          </Button>
        </>
      )}
    </div>
  );
}

function ReminderForm({
  spaceId,
  kind,
  current,
  onSaved,
  onCancel,
}: {
  spaceId: string;
  kind: Kind;
  current: Reminder | null;
  onSaved: (saved: Reminder) => Promise<void>;
  onCancel: () => void;
}) {
  const form = useSchemaForm(reminderSchema, { at: current?.at ?? "20:00", weekdays: current?.weekdays ?? [] }, { prefix: `reminder-${kind}-` });
  const save = useMutation({
    mutationFn: (body: { at: string; weekdays: number[] }) =>
      call(
        api.PUT("/api/v1/spaces/{space_id}/reminders/{reminder_kind}", {
          params: { path: { space_id: spaceId, reminder_kind: kind } },
          body,
        }),
      ),
    onSuccess: onSaved,
    onError: (error) => form.fromError(error),
  });
  const days = form.bind("weekdays");
  return (
    <form onSubmit={form.onSubmit((body) => save.mutate(body))} noValidate>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      <Field label="Time" type="time" {...form.bind("at")} name={form.name("at")} />
      <fieldset className="reminder__days">
        <legend>Days (none ticked: every day)</legend>
        {WEEKDAYS.map((day, index) => (
          <Checkbox
            key={day}
            name={`reminder-${kind}-day-${index + 1}`}
            label={day}
            checked={days.value.includes(index + 1)}
            onChange={(checked) =>
              days.onChange(checked ? [...days.value, index + 1] : days.value.filter((d) => d !== index + 1))
            }
          />
        ))}
      </fieldset>
      <div className="actions">
        <Button type="submit" busy={save.isPending}>
          Save reminder
        </Button>
        <Button variant="link" type="button" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
