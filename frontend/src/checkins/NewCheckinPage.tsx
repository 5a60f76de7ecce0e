import { useMutation, useQueryClient, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useNavigate } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { BoundaryChoices } from "../boundaries/BoundaryChoices";
import type { BoundaryLevel } from "../boundaries/types";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { isSavedOnDevice, KEPT_ON_DEVICE } from "../offline/writes";
import { Page } from "../ui/Page";
import { CheckinFields, useCheckinForm } from "./CheckinFields";
import { answerOf, EMPTY_CHECKIN } from "./schemas";
import { CHOICES } from "./fields";
import type { TogetherAnswer, Visibility } from "./types";
import "./checkins.css";
import { checkinKeys } from "./queries";
import { boundaryKeys, boundaryQueries } from "../boundaries/queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { RadioGroup } from "../ui/Field";

export function NewCheckinPage() {
  const { spaceId, partnerName, partner } = useCurrentSpace();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { form, draft, setDraft, fieldError } = useCheckinForm();
  const boundariesHeading = useId();
  const [visibility, setVisibility] = useState<Visibility>("private");
  const [boundaryChanges, setBoundaryChanges] = useState<Record<string, BoundaryLevel>>({});
  const [more, setMore] = useState(false);
  const moreId = useId();
  const boundaries = useQuery(boundaryQueries.overview(spaceId));

  const mine = boundaries.data?.members.find((m) => m.is_me);
  const current: Record<string, BoundaryLevel | undefined> = {};
  for (const b of mine?.boundaries ?? []) current[b.activity_id] = b.level;
  const shown = { ...current, ...boundaryChanges };

  // Saved offline: the check-in waits in the outbox (src/offline/writes.ts); the form confirms it.
  const [kept, setKept] = useState(false);
  const save = useMutation({
    mutationFn: (answer: TogetherAnswer) =>
      call(
        api.POST("/api/v1/spaces/{space_id}/checkins", {
          params: { path: { space_id: spaceId } },
          body: {
            ...answer,
            visibility,
            boundaries: Object.entries(boundaryChanges)
              .filter(([activityId, level]) => current[activityId] !== level)
              .map(([activity_id, level]) => ({ activity_id, level })),
          },
        }),
      ),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: checkinKeys.all(spaceId) });
      await queryClient.invalidateQueries({ queryKey: boundaryKeys.all(spaceId) });
      const status =
        saved.visibility === "shared"
          ? `Your check-in is saved and shared with ${partnerName}.`
          : "Your check-in is saved, just for you.";
      void navigate("/space/checkins", { state: { status } });
    },
    onMutate: () => setKept(false),
    onError: (error) => {
      if (!isSavedOnDevice(error)) return form.fromError(error);
      // Kept in the outbox for when the phone is online again: confirmed here, and the form starts afresh.
      form.reset(EMPTY_CHECKIN);
      setBoundaryChanges({});
      setKept(true);
    },
  });

  const submit = form.onSubmit((values) => save.mutate(answerOf(values)));

  // An error on a field behind "add more" opens it, so the error summary's link has somewhere to go.
  const showMore = more || form.errors.some((e) => !QUICK_FIELDS.has(e.field));

  return (
    <Page title="Check in" lead="Nothing here is shared unless you choose to.">
      <form className="form checkin-form checkin-form--quick" noValidate onSubmit={submit}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <StatusMessage>{kept ? KEPT_ON_DEVICE : null}</StatusMessage>
        <CheckinFields
          part="essentials"
          draft={draft}
          onChange={setDraft}
          fieldError={fieldError}
          partnerName={partnerName}
        />
        <Button
          variant="secondary"
          aria-expanded={showMore}
          aria-controls={moreId}
          onClick={() => setMore(!showMore)}
        >
          {showMore ? "Fewer questions" : "Add more: feelings, needs, own words, boundaries"}
        </Button>
        <div id={moreId} className="form checkin-form__more" hidden={!showMore}>
        <CheckinFields part="more" draft={draft} onChange={setDraft} fieldError={fieldError} partnerName={partnerName} />

        <section className="card card--quiet" aria-labelledby={boundariesHeading}>
          <h2 id={boundariesHeading}>My boundaries for now</h2>
          <p className="muted">
            Optional. Change any that are different today; no reason needed. Your boundaries are always visible to{" "}
            {partnerName}, even when this check-in is just for you.
          </p>
          {boundaries.data ? (
            <details className="checkin-form__boundaries">
              <summary>Update my boundaries with this check-in</summary>
              <BoundaryChoices
                name="checkin-boundary"
                activities={boundaries.data.activities}
                levels={shown}
                onChange={(activityId, level) => setBoundaryChanges({ ...boundaryChanges, [activityId]: level })}
              />
            </details>
          ) : null}
        </section>
        </div>

        <RadioGroup<Visibility>
          look={CHOICES}
          legend="Who sees this check-in?"
          name="visibility"
          value={visibility}
          onChange={setVisibility}
          error={fieldError("visibility")}
          hint="You can change this later; making it just for you again hides it at once."
          options={[
            { value: "private", label: "Just for me, in my journal" },
            { value: "shared", label: partner ? `Shared with ${partnerName}` : "Shared with my partner" },
          ]}
        />
        <div className="action-bar">
          <Button type="submit" className="button--wide" busy={save.isPending}>
            Save check-in
          </Button>
          <Link className="action-bar__back" to="/space/checkins">
            Back to check-ins
          </Link>
        </div>
      </form>
    </Page>
  );
}

/** The fields on the quick check-in's first screen. */
const QUICK_FIELDS = new Set(["mood", "closeness", "visibility"]);
