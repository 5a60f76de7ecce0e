export function Loading({ label = "Loading…" }: { label?: string | undefined }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
