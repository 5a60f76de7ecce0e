import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link } from "../router";
import { describeProblem, problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { IdeaCard } from "./IdeaCard";
import { IdeasNav } from "./IdeasNav";
import { CATEGORIES, CATEGORY_LABEL, CLOSENESS_LABEL } from "./labels";
import { RatingControl } from "./RatingControl";
import type { Category, RatingFilter } from "./types";
import "./ideas.css";
import { ideaQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { Select } from "../ui/Field";
import { useUrlFilters } from "../ui/urlFilters";

const PAGE_SIZE = 20;
const DURATIONS = [
  { value: "", label: "Any length" },
  { value: "15", label: "Up to 15 minutes" },
  { value: "30", label: "Up to 30 minutes" },
  { value: "60", label: "Up to an hour" },
  { value: "120", label: "Up to two hours" },
];
const MY_RATINGS: { value: RatingFilter | ""; label: string }[] = [
  { value: "", label: "Any" },
  { value: "unrated", label: "Not answered yet" },
  { value: "yes", label: "My yes" },
  { value: "maybe", label: "My maybe" },
  { value: "not_now", label: "My not now" },
];

const CLOSENESS_VALUES = ["1", "2", "3", "4"];
const DURATION_VALUES = DURATIONS.map((duration) => duration.value);
const RATING_VALUES = MY_RATINGS.map((rating) => rating.value);
// The address's names for the filters (?q=…&kind=…).
const FILTER_NAMES = ["q", "kind", "closeness", "minutes", "mine"] as const;

/** The search box; it starts from the address's words again when those change (Back, a link). */
function IdeaSearch({ query, onSearch }: { query: string; onSearch: (query: string) => void }) {
  const [typed, setTyped] = useState(query);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(typed.trim());
  }
  return (
    <form className="filters__search" role="search" onSubmit={submit}>
      <label className="field__label" htmlFor="idea-search">
        Search ideas
      </label>
      <div className="copy-row">
        <input
          id="idea-search"
          className="field__input copy-row__input"
          type="search"
          maxLength={80}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </div>
    </form>
  );
}

export function IdeasPage() {
  const { spaceId } = useCurrentSpace();
  const listHeading = useId();
  const url = useUrlFilters();
  const filters = {
    category: url.one<Category>("kind", CATEGORIES),
    closeness: url.one("closeness", CLOSENESS_VALUES),
    maxMinutes: url.one("minutes", DURATION_VALUES),
    myRating: url.one<RatingFilter | "">("mine", RATING_VALUES),
    q: url.one("q"),
  };

  const query = {
    category: filters.category || null,
    closeness: filters.closeness ? Number(filters.closeness) : null,
    max_minutes: filters.maxMinutes ? Number(filters.maxMinutes) : null,
    my_rating: filters.myRating || null,
    q: filters.q || null,
    limit: PAGE_SIZE,
  };
  const ideas = useInfiniteQuery(ideaQueries.list(spaceId, query));

  /** A new choice starts the list from its first idea again. */
  function change(name: (typeof FILTER_NAMES)[number], value: string) {
    url.update({ [name]: value });
  }

  const problem = problemOf(ideas.error);
  const items = ideas.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Page
      title="Ideas for time together"
      documentTitle="Ideas"
      lead="Ideas for closeness without pressure. Answer yes, maybe or not now: your partner never sees your answers, only the ideas you both like."
    >
      <IdeasNav />
      <div className="actions">
        <Link className="button button--primary" to="/space/ideas/rate">
          Rate a few
        </Link>
        <Link className="button button--secondary" to="/space/ideas/new">
          Add your own idea
        </Link>
      </div>

      <section className="card card--quiet filters" aria-label="Find ideas">
        <IdeaSearch key={filters.q} query={filters.q} onSearch={(words) => change("q", words)} />
        <div className="filters__grid">
          <Select<Category | "">
            id="filter-category"
            name="filter-category"
            label="Kind of idea"
            value={filters.category}
            onChange={(value) => change("kind", value)}
            options={[{ value: "" as const, label: "Any kind" }, ...CATEGORIES.map((category) => ({ value: category, label: CATEGORY_LABEL[category] }))]}
          />
          <Select
            id="filter-closeness"
            name="filter-closeness"
            label="Closeness"
            value={filters.closeness}
            onChange={(value) => change("closeness", value)}
            options={[{ value: "", label: "Any closeness" }, ...[1, 2, 3, 4].map((level) => ({ value: String(level), label: `${level}: ${CLOSENESS_LABEL[level]}` }))]}
          />
          <Select
            id="filter-duration"
            name="filter-duration"
            label="How long"
            value={filters.maxMinutes}
            onChange={(value) => change("minutes", value)}
            options={DURATIONS}
          />
          <Select<RatingFilter | "">
            id="filter-mine"
            name="filter-mine"
            label="My answer"
            value={filters.myRating}
            onChange={(value) => change("mine", value)}
            options={MY_RATINGS}
          />
        </div>
        {Object.values(filters).some(Boolean) ? (
          <Button variant="link" onClick={() => url.clear(FILTER_NAMES)}>
            Show all ideas
          </Button>
        ) : null}
      </section>

      <section aria-labelledby={listHeading}>
        <h2 id={listHeading} className="visually-hidden">
          Ideas
        </h2>
        <ErrorSummary title="We couldn't load the ideas" message={problem ? describeProblem(problem) : null} />
        {ideas.isPending ? <Loading label="Loading ideas…" /> : null}
        {ideas.data ? (
          <>
            <p className="muted" role="status">
              {items.length === 0
                ? "No ideas match these choices."
                : ideas.hasNextPage
                  ? `Showing the first ${items.length} ideas. There are more below.`
                  : `Showing all ${items.length} ${items.length === 1 ? "idea" : "ideas"}.`}
            </p>
            <div className="idea-list">
              {items.map((idea) => (
                <IdeaCard key={idea.id} idea={idea}>
                  <RatingControl idea={idea} />
                  {idea.custom && idea.added_by_me ? (
                    <Link className="idea__edit" to={`/space/ideas/custom/${idea.id.replace(/^custom-/, "")}`}>
                      Change or delete<span className="visually-hidden"> {idea.title}</span>
                    </Link>
                  ) : null}
                </IdeaCard>
              ))}
            </div>
            {ideas.hasNextPage ? (
              <div className="actions pager">
                <Button variant="secondary" busy={ideas.isFetchingNextPage} onClick={() => void ideas.fetchNextPage()}>
                  More ideas
                </Button>
              </div>
            ) : null}
          </>
        ) : null}
      </section>
    </Page>
  );
}
