import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useUser } from "../app/auth";
import { CheckinsHomeCard } from "../checkins/CheckinsHomeCard";
import { PlansHomeCard } from "../plans/PlansHomeCard";
import { PracticeHomeCard } from "../practice/PracticeHomeCard";
import { TodayCard } from "../today/TodayCard";
import { WaitingCard } from "../today/WaitingCard";
import { QuickLogTile } from "../practice/QuickLogTile";
import { Page } from "../ui/Page";
import { InvitePanel } from "./InvitePanel";
import { PartnerLeftNotice } from "./PartnerLeftNotice";
import { ROLE_LABEL } from "./roles";
import { spaceQueries } from "./queries";
import { useCurrentSpace } from "./useCurrentSpace";
import { QueryFallback } from "../ui/QueryFallback";

export function SpaceHomePage() {
  const user = useUser();
  const { spaceId } = useCurrentSpace();
  const membersHeading = useId();
  const paceHeading = useId();

  const space = useQuery({
    ...spaceQueries.one(spaceId),
    // While waiting for the partner, look now and then whether they have joined.
    refetchInterval: (query) => ((query.state.data?.members.length ?? 2) < 2 ? 30_000 : false),
  });

  if (!space.isSuccess) {
    return (
      <QueryFallback
        title="Your space"
        loading="Loading your space…"
        problemTitle="We couldn't load your space"
        notFound={false}
        queries={[space]}
      />
    );
  }

  const { name } = space.data;
  // You first, then your partner.
  const members = [...space.data.members].sort((a, b) => Number(b.user_id === user.id) - Number(a.user_id === user.id));
  const alone = members.length < 2;

  return (
    <Page title={name} documentTitle="Our space">
      <QuickLogTile />
      {alone ? null : <WaitingCard />}
      {alone ? null : <TodayCard />}
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
        {alone ? <PartnerLeftNotice spaceId={space.data.id} /> : null}
        {alone ? <p className="muted">Your partner isn't here yet.</p> : null}
      </section>
      <CheckinsHomeCard />

      <PlansHomeCard />

      <PracticeHomeCard />

      {alone ? <InvitePanel spaceId={space.data.id} /> : null}

      <section className="card card--quiet" aria-labelledby={paceHeading}>
        <h2 id={paceHeading}>At your pace</h2>
        <p>
          Nothing here is shared with your partner unless you choose to share it, and either of you can pause
          anything at any time, without giving a reason.
        </p>
      </section>
    </Page>
  );
}
