import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { Checkbox } from "../ui/Field";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { useFormErrors } from "../ui/formErrors";
import type { CalendarFeedCreated } from "./types";
import "./plans.css";
import { planKeys, planQueries } from "./queries";

/** Each member's own calendar feed: neutral titles by default, an address that can be replaced. */
export function CalendarFeedSection({ spaceId }: { spaceId: string }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useFormErrors();
  const input = useRef<HTMLInputElement>(null);
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const path = { params: { path: { space_id: spaceId } } };

  const feed = useQuery(planQueries.feed(spaceId));
  const refresh = () => queryClient.invalidateQueries({ queryKey: planKeys.feed(spaceId) });

  const issue = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/spaces/{space_id}/calendar-feed", {
          ...path,
          body: { detailed_titles: feed.data?.detailed_titles ?? false },
        }),
      ),
    onMutate: () => form.clear(),
    onSuccess: async (result) => {
      setCreated(result);
      setStatus(feed.data?.enabled ? "Here is your new address. The old one no longer works." : "Your calendar feed is on.");
      await refresh();
    },
    onError: (error) => form.fromError(error),
  });
  const configure = useMutation({
    mutationFn: (detailed: boolean) =>
      call(api.PATCH("/api/v1/spaces/{space_id}/calendar-feed", { ...path, body: { detailed_titles: detailed } })),
    onSuccess: async (result) => {
      setStatus(result.detailed_titles ? "Events now show the idea's title." : "Events now show only \"Time together\".");
      await refresh();
    },
    onError: (error) => form.fromError(error),
  });
  const turnOff = useMutation({
    mutationFn: () => call(api.DELETE("/api/v1/spaces/{space_id}/calendar-feed", path)),
    onSuccess: async () => {
      setCreated(null);
      setStatus("Your calendar feed is off. Its address no longer works.");
      await refresh();
    },
    onError: (error) => form.fromError(error),
  });

  const url = created ? `${window.location.origin}${created.path}` : null;

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Your calendar</h2>
      <p>
        Add your upcoming plans to your own calendar app with a private address. Events say only "Time together"
        unless you choose otherwise, so nothing personal shows on a lock screen. Anyone with the address can read
        the feed, so keep it to yourself.
      </p>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      <StatusMessage>{status}</StatusMessage>
      {url ? (
        <div className="feed__link">
          <label className="field__label" htmlFor="calendar-feed-url">
            Your calendar address
          </label>
          <input
            ref={input}
            id="calendar-feed-url"
            className="field__input"
            readOnly
            value={url}
            onFocus={(event) => event.target.select()}
            aria-describedby="calendar-feed-hint"
          />
          <p className="field__hint" id="calendar-feed-hint">
            Copy it into your calendar app's "subscribe" or "add by URL". You won't see it again after you leave this
            page, but you can always make a new one.
          </p>
        </div>
      ) : null}
      {feed.data?.enabled ? (
        <>
          <Checkbox
            name="detailed_titles"
            label={'Show the idea\'s title in my calendar instead of "Time together"'}
            checked={feed.data.detailed_titles}
            onChange={(checked) => configure.mutate(checked)}
          />
          <div className="actions">
            <Button variant="secondary" busy={issue.isPending} onClick={() => issue.mutate()}>
              Make a new address
            </Button>
            <Button variant="secondary" busy={turnOff.isPending} onClick={() => turnOff.mutate()}>
              Turn off
            </Button>
          </div>
        </>
      ) : feed.data ? (
        <Button busy={issue.isPending} onClick={() => issue.mutate()}>
          Turn on my calendar feed
        </Button>
      ) : null}
    </section>
  );
}
