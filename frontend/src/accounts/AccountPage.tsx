import { useId } from "react";
import { useUser } from "../app/auth";
import { Page } from "../ui/Page";
import { ChangePasswordSection } from "./ChangePasswordSection";
import { DeleteAccountSection } from "./DeleteAccountSection";
import { ExportSection } from "./ExportSection";
import { LeaveSpaceSection } from "./LeaveSpaceSection";
import { EndOtherSessionsSection } from "../safety/EndOtherSessionsSection";
import { SafetyLinkSection } from "../safety/SafetyLinkSection";
import { SessionsSection } from "./SessionsSection";
import { SecuritySection } from "../factors/SecuritySection";
import { StepUpProvider } from "../factors/StepUpDialog";
import { ThemeSection } from "../ui/ThemeSection";

export function AccountPage() {
  const user = useUser();
  const detailsHeading = useId();

  return (
    <Page title="Your account">
      <StepUpProvider>
      <section className="card" aria-labelledby={detailsHeading}>
        <h2 id={detailsHeading}>Your details</h2>
        <dl className="details">
          <div>
            <dt>Name</dt>
            <dd>{user.display_name}</dd>
          </div>
          <div>
            <dt>Email address</dt>
            <dd>{user.email}</dd>
          </div>
        </dl>
        <p className="muted">Your partner sees your name, never your email address.</p>
      </section>
      <SafetyLinkSection />
      <SecuritySection />
      <ThemeSection />
      <SessionsSection />
      <EndOtherSessionsSection />
      <ChangePasswordSection />
      <ExportSection />
      {user.membership ? <LeaveSpaceSection spaceId={user.membership.space_id} /> : null}
      <DeleteAccountSection />
      </StepUpProvider>
    </Page>
  );
}
