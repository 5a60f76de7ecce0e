import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link, useParams } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { QueryFallback } from "../ui/QueryFallback";
import { Page } from "../ui/Page";
import { GuidesNav } from "./GuidesNav";
import { Markdown } from "./Markdown";
import { AUDIENCE_LABEL, guideKey } from "./queries";
import "./guides.css";

export function GuidePage() {
  const guideId = useParams().guideId ?? "";
  const sourcesHeading = useId();
  const guide = useQuery({
    queryKey: guideKey(guideId),
    queryFn: () => call(api.GET("/api/v1/guides/{guide_id}", { params: { path: { guide_id: guideId } } })),
  });
  if (!guide.isSuccess) {
    return <QueryFallback title="Guide" loading="Loading the guide…" problemTitle="We couldn't load this guide" queries={[guide]} />;
  }
  return (
    <Page title={guide.data.title}>
      <GuidesNav />
      {guide.data ? (
        <article className="guide">
          <p className="muted">
            {AUDIENCE_LABEL[guide.data.audience]} · {guide.data.minutes} min read
          </p>
          <Markdown source={guide.data.body} />
          <section aria-labelledby={sourcesHeading} className="guide__sources">
            <h2 id={sourcesHeading}>Sources</h2>
            <ul>
              {guide.data.sources.map((source) => (
                <li key={source.url}>
                  <a href={source.url} rel="noreferrer noopener">
                    {source.title}
                  </a>{" "}
                  <span className="muted">({source.publisher})</span>
                </li>
              ))}
            </ul>
            <p className="guide__disclaimer">{guide.data.not_medical_advice}</p>
          </section>
          <p>
            <Link to="/guides">All guides</Link>
          </p>
        </article>
      ) : null}
    </Page>
  );
}
