import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { QueryFallback } from "../ui/QueryFallback";
import { Page } from "../ui/Page";
import { GuidesNav } from "./GuidesNav";
import { AUDIENCE_LABEL, guidesKey, type GuideSummary } from "./queries";
import "./guides.css";

function Group({ audience, guides }: { audience: GuideSummary["audience"]; guides: GuideSummary[] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{AUDIENCE_LABEL[audience]}</h2>
      <ul className="guide-list">
        {guides.map((guide) => (
          <li key={guide.id} className="card guide-list__item">
            <Link to={`/guides/${guide.id}`} className="guide-list__link">
              {guide.title}
            </Link>
            <p className="muted">
              {guide.summary} · {guide.minutes} min read
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function GuidesPage() {
  const guides = useQuery({ queryKey: guidesKey, queryFn: () => call(api.GET("/api/v1/guides")) });
  if (!guides.isSuccess) {
    return <QueryFallback title="Guides" loading="Loading the guides…" problemTitle="We couldn't load the guides" queries={[guides]} />;
  }
  return (
    <Page
      title="Guides"
      lead="Short guides to learn together, each with its sources. Both of you can read every guide, and reading one leaves no trace."
    >
      <GuidesNav />
      {guides.data
        ? (["both", "patient", "partner"] as const).map((audience) => (
            <Group key={audience} audience={audience} guides={guides.data.filter((g) => g.audience === audience)} />
          ))
        : null}
    </Page>
  );
}
