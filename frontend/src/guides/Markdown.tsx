import type { ReactNode } from "react";
import { Link } from "../router";

/**
 * A tiny renderer for the guides' Markdown: headings (## and ###), paragraphs, bulleted and numbered
 * lists, **bold**, *italics* and links. Everything becomes React elements (text is never injected as
 * HTML); links go to another guide inside Tandem or to an https:// page, anything else stays text.
 */
const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(text: string, keyPrefix: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let index = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const key = `${keyPrefix}-${index++}`;
    const [, bold, italic, label, target] = match;
    if (bold !== undefined) {
      out.push(<strong key={key}>{inline(bold, key)}</strong>);
    } else if (italic !== undefined) {
      out.push(<em key={key}>{inline(italic, key)}</em>);
    } else if (label !== undefined && target !== undefined) {
      if (target.startsWith("/guides/")) {
        out.push(
          <Link key={key} to={target}>
            {label}
          </Link>,
        );
      } else if (target.startsWith("https://")) {
        out.push(
          <a key={key} href={target} rel="noreferrer noopener">
            {label}
          </a>,
        );
      } else {
        out.push(label);
      }
    }
    last = at + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

type Block =
  | { kind: "h2" | "h3" | "p"; text: string }
  | { kind: "ul" | "ol"; items: string[] };

function blocks(source: string): Block[] {
  const result: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) result.push({ kind: "p", text: paragraph.join(" ") });
    paragraph = [];
  };
  for (const raw of source.split("\n")) {
    const line = raw.trim();
    const bullet = /^- (.*)$/.exec(line);
    const numbered = /^\d+\. (.*)$/.exec(line);
    if (!line) {
      flush();
    } else if (line.startsWith("### ")) {
      flush();
      result.push({ kind: "h3", text: line.slice(4) });
    } else if (line.startsWith("## ")) {
      flush();
      result.push({ kind: "h2", text: line.slice(3) });
    } else if (bullet || numbered) {
      flush();
      const kind = bullet ? "ul" : "ol";
      const item = (bullet ?? numbered)?.[1] ?? "";
      const previous = result[result.length - 1];
      if (previous && previous.kind === kind) previous.items.push(item);
      else result.push({ kind, items: [item] });
    } else {
      const previous = result[result.length - 1];
      // A wrapped list item continues on the next line.
      if (!paragraph.length && previous && (previous.kind === "ul" || previous.kind === "ol") && raw.startsWith("  ")) {
        previous.items[previous.items.length - 1] += ` ${line}`;
      } else {
        paragraph.push(line);
      }
    }
  }
  flush();
  return result;
}

export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      {blocks(source).map((block, i) => {
        const key = `b${i}`;
        switch (block.kind) {
          case "h2":
            return <h2 key={key}>{inline(block.text, key)}</h2>;
          case "h3":
            return <h3 key={key}>{inline(block.text, key)}</h3>;
          case "p":
            return <p key={key}>{inline(block.text, key)}</p>;
          case "ul":
            return (
              <ul key={key}>
                {block.items.map((item, j) => (
                  // A list's items are distinct lines of static content: the text is their identity.
                  <li key={item}>{inline(item, `${key}-${j}`)}</li>
                ))}
              </ul>
            );
          case "ol":
            return (
              <ol key={key}>
                {block.items.map((item, j) => (
                  // A list's items are distinct lines of static content: the text is their identity.
                  <li key={item}>{inline(item, `${key}-${j}`)}</li>
                ))}
              </ol>
            );
        }
      })}
    </div>
  );
}
