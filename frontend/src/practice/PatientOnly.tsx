import { Outlet } from "../router";
import { NotFoundPage } from "../app/NotFoundPage";
import { useCurrentSpace } from "../spaces/useCurrentSpace";

/**
 * The journal's pages are the patient's alone. Anyone else sees the ordinary "not found" page,
 * and no request about the journal is made for them.
 */
export function PatientOnly() {
  const { isPatient } = useCurrentSpace();
  return isPatient ? <Outlet /> : <NotFoundPage />;
}
