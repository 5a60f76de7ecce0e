import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "./router";
import { problemOf } from "./api/problem";
import { meKey } from "./app/auth";
import { AppRoutes } from "./app/routes";
import { api } from "./api/client";
import { clearDeviceData } from "./offline/deviceData";
import { installServiceWorker } from "./offline/serviceWorker";
import { finishPendingExit } from "./safety/quickExit";
import { idempotentWrites } from "./offline/writes";
import "./ui/styles.css";
import { installTheme } from "./ui/theme";

installTheme();

/**
 * A 401 from any call while we think someone is signed in means the session
 * ended (timed out, or ended from another device): forget the person, and the
 * guards send them to log in, returning to this page afterwards.
 */
function onApiError(error: unknown) {
  if (problemOf(error)?.status !== 401 || !queryClient.getQueryData(meKey)) return;
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
  queryClient.setQueryData(meKey, null);
  void clearDeviceData();
}

api.use(idempotentWrites);
installServiceWorker();

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // Client errors (401, 403, 404) will not change by asking again.
      retry: (failureCount, error) => {
        const status = problemOf(error)?.status ?? 0;
        return status >= 400 && status < 500 ? false : failureCount < 2;
      },
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");

// A quick exit the server may not have heard of yet is finished first (safety/quickExit.ts).
void finishPendingExit().then(() =>
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
