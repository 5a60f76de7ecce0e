import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { useSpaceEvents } from "../events/useSpaceEvents";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Checkbox, Field } from "../ui/Field";
import { describeProblem, problemOf } from "../api/problem";
import { formatDate } from "../ui/format";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { FavouriteButton } from "./PromptActions";
import { Conversations } from "./Conversations";
import { DEPTHS, depthLabel, type Prompt, type PromptDepth } from "./types";
import "./prompts.css";
import { promptKeys, promptQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { useUrlFilters } from "../ui/urlFilters";

const PAGE_SIZE = 20;
const DEPTH_VALUES = DEPTHS.map((depth) => depth.value);

/** The search box; it starts from the address's words again when those change (Back, a link). */
function PromptSearch({ query, onSearch }: { query: string; onSearch: (query: string) => void }) {
  const [typed, setTyped] = useState(query);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(typed.trim());
  }
  return (
    <form className="form prompt-search" role="search" noValidate onSubmit={submit}>
      <Field label="Search prompts" name="q" type="search" value={typed} onChange={setTyped} maxLength={200} />
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}

function PromptItem({ spaceId, prompt }: { spaceId: string; prompt: Prompt }) {
  return (
    <li className="prompt">
      <p className="prompt__text">
        <Link to={`/space/prompts/${prompt.id}`}>{prompt.text}</Link>
      </p>
      <p className="prompt__meta">
        <span>{prompt.category_title}</span>
        <span className={`depth depth--${prompt.depth}`}>{depthLabel(prompt.depth)}</span>
        {prompt.talked_on ? <span className="tag">Talked about on {formatDate(prompt.talked_on)}</span> : null}
      </p>
      <FavouriteButton spaceId={spaceId} prompt={prompt} />
    </li>
  );
}

function Surprise({ spaceId, categories, depths }: { spaceId: string; categories: string[]; depths: PromptDepth[] }) {
  const headingId = useId();
  const [skip, setSkip] = useState<string[]>([]);
  const [asked, setAsked] = useState(false);
  const pick = useQuery({
    queryKey: promptKeys.surprise(spaceId, categories, depths, skip),
    queryFn: () =>
      call(
        api.GET("/api/v1/spaces/{space_id}/prompts/surprise", {
          params: { path: { space_id: spaceId }, query: { category: categories, depth: depths, skip } },
        }),
      ),
    enabled: asked,
  });
  const prompt = pick.data?.prompt ?? null;
  return (
    <section className="card card--quiet surprise" aria-labelledby={headingId}>
      <h2 id={headingId}>Surprise us</h2>
      <p className="muted">A prompt you haven't talked about yet, from the categories you've chosen (or any).</p>
      <div aria-live="polite">
        {asked && pick.data && !prompt ? (
          <p>You've talked about every prompt that fits. Choose other categories, or start again.</p>
        ) : null}
        {prompt ? (
          <div className="surprise__pick">
            <p className="prompt__text">{prompt.text}</p>
            <p className="prompt__meta">
              <span>{prompt.category_title}</span>
              <span className={`depth depth--${prompt.depth}`}>{depthLabel(prompt.depth)}</span>
            </p>
            <Link className="button button--primary" to={`/space/prompts/${prompt.id}`}>
              Open this prompt
            </Link>
          </div>
        ) : null}
      </div>
      <div className="actions">
        {prompt ? (
          <Button variant="secondary" onClick={() => setSkip([...skip, prompt.id])}>
            Another one
          </Button>
        ) : (
          <Button
            variant="secondary"
            busy={pick.isFetching}
            onClick={() => {
              setSkip([]);
              setAsked(true);
            }}
          >
            Surprise us
          </Button>
        )}
      </div>
    </section>
  );
}

export function PromptsPage() {
  const { spaceId } = useCurrentSpace();
  const filtersHeading = useId();
  const resultsHeading = useId();
  useSpaceEvents(spaceId);
  const filters = useUrlFilters();
  const categories = filters.many("category");
  const depths = filters.many("depth", DEPTH_VALUES);
  const query = filters.one("q");
  const favouritesOnly = filters.flag("favourites");
  const notTalked = filters.flag("untalked");

  const categoryList = useQuery(promptQueries.categories());
  const results = useInfiniteQuery({
    queryKey: promptKeys.browse(spaceId, categories, depths, query, favouritesOnly, notTalked),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/spaces/{space_id}/prompts", {
          params: {
            path: { space_id: spaceId },
            query: {
              category: categories,
              depth: depths,
              q: query || undefined,
              favourites: favouritesOnly,
              talked: notTalked ? false : undefined,
              limit: PAGE_SIZE,
              cursor: pageParam ?? undefined,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
  });

  function toggle<T>(list: T[], value: T, on: boolean): T[] {
    return on ? [...list, value] : list.filter((v) => v !== value);
  }

  const items = results.data?.pages.flatMap((page) => page.items) ?? [];
  // What is loaded so far; "+" while more pages follow.
  const count = `${items.length}${results.hasNextPage ? "+" : ""}`;
  const problem = problemOf(results.error);
  return (
    <Page
      title="Conversation prompts"
      lead="Gentle questions for the two of you. Pick one, answer separately, and see both answers together."
    >
      <section className="card" aria-labelledby={filtersHeading}>
        <h2 id={filtersHeading}>Find a prompt</h2>
        <PromptSearch key={query} query={query} onSearch={(words) => filters.update({ q: words })} />
        <fieldset className="field filter-set">
          <legend className="field__label">Categories</legend>
          <div className="filter-set__options">
            {categoryList.data?.map((category) => (
              <Checkbox
                key={category.id}
                name={`category-${category.id}`}
                label={category.title}
                checked={categories.includes(category.id)}
                onChange={(on) => filters.update({ category: toggle(categories, category.id, on) })}
              />
            ))}
          </div>
        </fieldset>
        <fieldset className="field filter-set">
          <legend className="field__label">Depth</legend>
          <div className="filter-set__options filter-set__options--row">
            {DEPTHS.map((depth) => (
              <Checkbox
                key={depth.value}
                name={`depth-${depth.value}`}
                label={depth.label}
                checked={depths.includes(depth.value)}
                onChange={(on) => filters.update({ depth: toggle(depths, depth.value, on) })}
              />
            ))}
          </div>
        </fieldset>
        <fieldset className="field filter-set">
          <legend className="field__label">Show</legend>
          <Checkbox name="favourites" label="Only our favourites" checked={favouritesOnly} onChange={(on) => filters.update({ favourites: on })} />
          <Checkbox
            name="not-talked"
            label="Only ones we haven't talked about yet"
            checked={notTalked}
            onChange={(on) => filters.update({ untalked: on })}
          />
        </fieldset>
      </section>

      <Surprise spaceId={spaceId} categories={categories} depths={depths} />

      <section className="card" aria-labelledby={resultsHeading}>
        <h2 id={resultsHeading}>{results.data ? `${count} ${count === "1" ? "prompt" : "prompts"}` : "Prompts"}</h2>
        <ErrorSummary message={problem ? describeProblem(problem) : null} title="We couldn't search" />
        {results.isPending ? <Loading label="Loading prompts…" /> : null}
        {results.data && items.length === 0 ? <p>No prompts match. Try fewer filters or other words.</p> : null}
        <ul className="prompt-list">
          {items.map((prompt) => (
            <PromptItem key={prompt.id} spaceId={spaceId} prompt={prompt} />
          ))}
        </ul>
        {results.hasNextPage ? (
          <Button variant="secondary" busy={results.isFetchingNextPage} onClick={() => void results.fetchNextPage()}>
            Show more prompts
          </Button>
        ) : null}
      </section>

      <Conversations spaceId={spaceId} />
    </Page>
  );
}
