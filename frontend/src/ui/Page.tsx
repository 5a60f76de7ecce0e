import { useEffect, useRef, type ReactNode } from "react";

let firstPage = true;

interface PageProps {
  /** The page's main heading, also used for document.title. */
  title: string;
  /** A shorter or different document title, when the heading is long. */
  documentTitle?: string;
  lead?: ReactNode;
  children?: ReactNode;
  narrow?: boolean;
}

/**
 * One page: sets the document title and, after client-side navigation,
 * moves focus to the heading so screen-reader users hear where they are.
 */
export function Page({ title, documentTitle, lead, children, narrow = false }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const docTitle = documentTitle ?? title;

  useEffect(() => {
    document.title = `${docTitle} · Tandem`;
  }, [docTitle]);

  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    heading.current?.focus();
  }, []);

  return (
    <div className={narrow ? "page page--narrow" : "page"}>
      <h1 ref={heading} tabIndex={-1} className="page__title">
        {title}
      </h1>
      {lead ? <p className="page__lead">{lead}</p> : null}
      {children}
    </div>
  );
}
