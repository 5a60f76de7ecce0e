import { useQuery } from "@tanstack/react-query";
import { useNavigate, useParams } from "react-router";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { practiceQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { EntryForm, defaultDraft, draftFromEntry } from "./EntryForm";
import { LoadProblem } from "./LoadProblem";
import "./practice.css";

/** The quick log: defaults filled in, so saving a dilator entry takes a few taps. */
export function LogEntryPage() {
  const { spaceId } = useCurrentSpace();
  const navigate = useNavigate();
  const overview = useQuery(practiceQueries.overview(spaceId));
  if (overview.isPending) return <Loading label="Getting things ready…" />;
  if (overview.isError) return <LoadProblem title="Log practice" error={overview.error} retry={overview.refetch} />;
  return (
    <Page title="Log practice" narrow lead="Everything is filled in from last time; change what's different.">
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
  const { spaceId } = useCurrentSpace();
  const { entryId = "" } = useParams();
  const navigate = useNavigate();
  const overview = useQuery(practiceQueries.overview(spaceId));
  const entry = useQuery(practiceQueries.entry(spaceId, entryId));
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
