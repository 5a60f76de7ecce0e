import { useQuery } from "@tanstack/react-query";
import { Link } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { QueryFallback } from "../ui/QueryFallback";
import { Page } from "../ui/Page";
import { GuidesNav } from "./GuidesNav";
import { sourcesKey } from "./queries";
import "./guides.css";

export function SourcesPage() {
  const sources = useQuery({ queryKey: sourcesKey, queryFn: () => call(api.GET("/api/v1/guides/sources")) });
  if (!sources.isSuccess) {
    return <QueryFallback title="Sources" loading="Loading the sources…" problemTitle="We couldn't load the sources" queries={[sources]} />;
  }
  return (
    <Page
      title="Sources"
      lead="Every public source the guides draw on, listed once: clinical reviews and the patient pages of health services and professional bodies."
    >
      <GuidesNav />
      {sources.data ? (
        <ul className="source-list">
          {sources.data.map((source) => (
            <li key={source.url} className="card">
              <a href={source.url} rel="noreferrer noopener">
                {source.title}
              </a>
              <p className="muted">{source.publisher}</p>
              <p>
                Cited in:{" "}
                {source.guides.map((guide, i) => (
                  <span key={guide.id}>
                    {i > 0 ? ", " : null}
                    <Link to={`/guides/${guide.id}`}>{guide.title}</Link>
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="guide__disclaimer">
        The guides are general information, not medical advice. For advice about your own situation, talk to a
        clinician or a pelvic-floor physiotherapist.
      </p>
    </Page>
  );
}
