import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearchParams } from "../router";
import { Page } from "../ui/Page";
import { practiceQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { EntryForm, defaultDraft, draftFromEntry } from "./EntryForm";
import "./practice.css";
import { KIND_ORDER } from "./labels";
import { GUIDE_FOR } from "../guides/links";
import { QueryFallback } from "../ui/QueryFallback";

/** The quick log: defaults filled in, so saving a dilator entry takes a few taps. */
export function LogEntryPage() {
  const { spaceId } = useCurrentSpace();
  const navigate = useNavigate();
  // The home's quick-log tile names the kind (?kind=breathing); anything else starts as usual.
  const [search] = useSearchParams();
  const asked = search.get("kind");
  const kind = KIND_ORDER.find((k) => k === asked);
  const overview = useQuery(practiceQueries.overview(spaceId));
  if (!overview.isSuccess) return <QueryFallback title="Log practice" loading="Getting things ready…" queries={[overview]} />;
  return (
    <Page title="Log practice" narrow>
      <p className="muted entry-form__lead">
        Size and minutes are as last time; how it felt starts not rated.{" "}
        <Link to={GUIDE_FOR.hardSession}>Guide: after a hard session</Link>
      </p>
      <EntryForm
        spaceId={spaceId}
        overview={overview.data}
        initial={{ ...defaultDraft(overview.data), ...(kind ? { kind } : {}) }}
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
  if (!overview.isSuccess || !entry.isSuccess) return <QueryFallback title="Edit entry" queries={[overview, entry]} />;
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
