import type { ActivityRef, BoundaryLevel } from "./types";
import { LEVELS } from "./levels";

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
            <fieldset className="boundary-choices__set">
              <legend className="boundary-choices__activity">
                {activity.title}
                {activity.custom ? <span className="tag">Ours</span> : null}
              </legend>
              <div className="boundary-choices__levels">
                {LEVELS.map((level) => {
                  const id = `${groupName}-${level.value}`;
                  return (
                    <div key={level.value} className={`level-option level-option--${level.value}`}>
                      <input
                        id={id}
                        type="radio"
                        className="level-option__input"
                        name={groupName}
                        checked={levels[activity.id] === level.value}
                        onChange={() => onChange(activity.id, level.value)}
                      />
                      <label htmlFor={id} className="level-option__label">
                        {level.label}
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          </li>
        );
      })}
    </ul>
  );
}
