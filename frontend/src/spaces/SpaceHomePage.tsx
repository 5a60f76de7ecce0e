import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { describeProblem, problemOf } from "../api/problem";
import { useUser } from "../app/auth";
import { CheckinsHomeCard } from "../checkins/CheckinsHomeCard";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { InvitePanel } from "./InvitePanel";
import { ROLE_LABEL } from "./roles";

const COMING = [
  { title: "Pressure-free planning", text: "Plan time together that either of you can pause, without explanations owed." },
  {
    title: "Progress summaries",
    text: "The one doing the treatment decides what, if anything, to share about how it's going.",
  },
];

export function SpaceHomePage() {
  const user = useUser();
  const spaceId = user.membership?.space_id ?? "";
  const membersHeading = useId();
  const comingHeading = useId();

  const space = useQuery({
    queryKey: ["space", spaceId],
    queryFn: () => call(api.GET("/api/v1/spaces/{space_id}", { params: { path: { space_id: spaceId } } })),
    enabled: spaceId !== "",
    // While waiting for the partner, look now and then whether they have joined.
    refetchInterval: (query) => ((query.state.data?.members.length ?? 2) < 2 ? 30_000 : false),
  });

  if (space.isPending) return <Loading label="Loading your space…" />;
  if (space.isError) {
    const problem = problemOf(space.error);
    return (
      <Page title="Your space">
        <ErrorSummary title="We couldn't load your space" message={problem ? describeProblem(problem) : null} />
        <Button onClick={() => void space.refetch()}>Try again</Button>
      </Page>
    );
  }

  const { name } = space.data;
  // You first, then your partner.
  const members = [...space.data.members].sort((a, b) => Number(b.user_id === user.id) - Number(a.user_id === user.id));
  const alone = members.length < 2;

  return (
    <Page title={name} documentTitle="Our space">
      <section className="card" aria-labelledby={membersHeading}>
        <h2 id={membersHeading}>In this space</h2>
        <ul className="members">
          {members.map((member) => (
            <li key={member.user_id} className="members__item">
              <span className="members__avatar" aria-hidden="true">
                {member.display_name.trim().charAt(0).toUpperCase()}
              </span>
              <span className="members__text">
                <span className="members__name">
                  {member.display_name}
                  {member.user_id === user.id ? <span className="members__you"> (you)</span> : null}
                </span>
                <span className="members__role">{ROLE_LABEL[member.role]}</span>
              </span>
            </li>
          ))}
        </ul>
        {alone ? <p className="muted">Your partner isn't here yet.</p> : null}
      </section>
      <CheckinsHomeCard />

      {alone ? <InvitePanel spaceId={space.data.id} /> : null}

      <section className="card card--quiet" aria-labelledby={comingHeading}>
        <h2 id={comingHeading}>What's coming to your space</h2>
        <p>
          This is your space, at your pace. Soon you'll find a few simple tools here, and nothing is shared with
          your partner unless it's meant to be.
        </p>
        <ul className="coming">
          {COMING.map((item) => (
            <li key={item.title} className="coming__item">
              <strong className="coming__title">{item.title}</strong>
              <span>{item.text}</span>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
