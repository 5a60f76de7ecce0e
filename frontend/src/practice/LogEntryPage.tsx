import { useQuery } from "@tanstack/react-query";
import { useNavigate, useParams } from "react-router";
import { api } from "../api/client";
import { call } from "../api/call";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { practiceKey, useOverview, useSpace } from "./api";
import { EntryForm, defaultDraft, draftFromEntry } from "./EntryForm";
import { LoadProblem } from "./LoadProblem";
import "./practice.css";
import { GuideLink } from "../guides/GuideLink";
import { GUIDE_FOR } from "../guides/links";

/** The quick log: defaults filled in, so saving a dilator entry takes a few taps. */
export function LogEntryPage() {
  const { spaceId } = useSpace();
  const navigate = useNavigate();
  const overview = useOverview(spaceId);
  if (overview.isPending) return <Loading label="Getting things ready…" />;
  if (overview.isError) return <LoadProblem title="Log practice" error={overview.error} retry={overview.refetch} />;
  return (
    <Page title="Log practice" narrow lead="Everything is filled in from last time; change what's different.">
      <GuideLink to={GUIDE_FOR.hardSession}>Guide: what to do after a hard session</GuideLink>
      <EntryForm
        spaceId={spaceId}
        overview={overview.data}
        initial={defaultDraft(overview.data)}
        submitLabel="Save"
        onSaved={() => navigate("/practice", { state: { saved: true } })}
      />
    </Page>
  );
}

export function EditEntryPage() {
  const { spaceId } = useSpace();
  const { entryId = "" } = useParams();
  const navigate = useNavigate();
  const overview = useOverview(spaceId);
  const entry = useQuery({
    queryKey: practiceKey(spaceId, "entry", entryId),
    queryFn: () =>
      call(
        api.GET("/api/v1/spaces/{space_id}/practice/entries/{entry_id}", {
          params: { path: { space_id: spaceId, entry_id: entryId } },
        }),
      ),
  });
  if (overview.isPending || entry.isPending) return <Loading />;
  if (overview.isError) return <LoadProblem title="Edit entry" error={overview.error} retry={overview.refetch} />;
  if (entry.isError) return <LoadProblem title="Edit entry" error={entry.error} retry={entry.refetch} />;
  const size = entry.data.size_id && entry.data.size_label ? { id: entry.data.size_id, label: entry.data.size_label } : null;
  return (
    <Page title="Edit entry" narrow>
      <EntryForm
        spaceId={spaceId}
        overview={overview.data}
        initial={draftFromEntry(entry.data)}
        entryId={entry.data.id}
        extraSize={size}
        submitLabel="Save changes"
        onSaved={() => navigate("/practice", { state: { saved: true } })}
      />
    </Page>
  );
}
