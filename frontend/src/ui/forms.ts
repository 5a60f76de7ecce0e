/**
 * Kept only for pages still importing it from here; useFormErrors now lives with the rest of the
 * form pattern in ui/form.ts. Import it from there.
 */
export { useFormErrors } from "./form";
