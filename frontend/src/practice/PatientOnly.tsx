import { Outlet } from "react-router";
import { NotFoundPage } from "../app/NotFoundPage";
import { useSpace } from "./api";

/**
 * The journal's pages are the patient's alone. Anyone else sees the ordinary "not found" page,
 * and no request about the journal is made for them.
 */
export function PatientOnly() {
  const { isPatient } = useSpace();
  return isPatient ? <Outlet /> : <NotFoundPage />;
}
