import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import { useMe } from "../app/auth";
import { Button } from "../ui/Button";
import { clearDeviceData } from "./deviceData";
import { dismissRefused, flushOutbox, outboxState, refreshOutbox, subscribeOutbox } from "./outbox";
import { setOutboxUser } from "./writes";
import "./offline.css";

/**
 * A quiet line while something waits on this phone, and the sending itself: at start and whenever
 * the connection comes back. Rendered once, in the app's layout.
 */
export function OutboxNotice() {
  const queryClient = useQueryClient();
  const { data: user } = useMe();
  const userId = user?.id ?? null;
  const signedOut = user === null;
  const { waiting, refused } = useSyncExternalStore(subscribeOutbox, outboxState);

  // Signed out (a quick exit may leave before its own clean-up finished): nothing stays on the device.
  useEffect(() => {
    if (signedOut) void clearDeviceData();
  }, [signedOut]);

  useEffect(() => {
    setOutboxUser(userId);
    if (userId === null) return;
    const send = () => {
      if (navigator.onLine === false) return;
      void flushOutbox(userId)
        .then((sent) => (sent > 0 ? queryClient.invalidateQueries() : undefined))
        .catch(() => undefined);
    };
    void refreshOutbox(userId).then(send);
    window.addEventListener("online", send);
    return () => window.removeEventListener("online", send);
  }, [userId, queryClient]);

  if (userId === null || (waiting === 0 && refused === null)) return null;
  return (
    <div className="outbox-notice" role="status">
      {waiting > 0 ? (
        <p>
          {waiting === 1 ? "1 entry is" : `${waiting} entries are`} saved on this phone, not sent yet. They will be
          sent when you're back online.
        </p>
      ) : null}
      {refused ? (
        <p>
          {refused}{" "}
          <Button variant="link" onClick={dismissRefused}>
            OK
          </Button>
        </p>
      ) : null}
    </div>
  );
}
