import type { ActivityRef, BoundaryLevel } from "./types";
import { RadioGroup } from "../ui/Field";
import { LEVELS } from "./levels";

const LEVEL_LOOK = {
  group: "boundary-choices__set",
  legend: "boundary-choices__activity",
  options: "boundary-choices__levels",
  option: (level: BoundaryLevel) => `level-option level-option--${level}`,
  input: "level-option__input",
  label: "level-option__label",
};

interface BoundaryChoicesProps {
  activities: ActivityRef[];
  levels: Record<string, BoundaryLevel | undefined>;
  onChange: (activityId: string, level: BoundaryLevel) => void;
  /** Prefix for the inputs' ids, so two pickers could share a page. */
  name: string;
}

/** One row per activity: welcome, ask me first, or not right now. No reason is ever asked for. */
export function BoundaryChoices({ activities, levels, onChange, name }: BoundaryChoicesProps) {
  return (
    <ul className="boundary-choices">
      {activities.map((activity) => {
        const groupName = `${name}-${activity.id}`;
        return (
          <li key={activity.id} className="boundary-choices__item">
            <RadioGroup<BoundaryLevel>
              look={LEVEL_LOOK}
              legend={
                <>
                  {activity.title}
                  {activity.custom ? <span className="tag">Ours</span> : null}
                </>
              }
              name={groupName}
              value={levels[activity.id] ?? null}
              onChange={(level) => onChange(activity.id, level)}
              options={LEVELS.map((level) => ({ value: level.value, label: level.label }))}
            />
          </li>
        );
      })}
    </ul>
  );
}
