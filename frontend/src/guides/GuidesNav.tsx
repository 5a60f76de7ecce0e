import { SubNav } from "../ui/SubNav";

const LINKS = [
  { to: "/guides", label: "All guides" },
  { to: "/guides/sources", label: "Sources" },
];

export function GuidesNav() {
  return <SubNav label="Guides" links={LINKS} />;
}
