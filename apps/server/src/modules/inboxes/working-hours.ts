import { validationError } from '../../errors/app-error';
import type { Schemas } from '../../http/schemas';

export type WorkingHour = Schemas['InboxWorkingHour'];
type WorkingHourChange = Schemas['InboxWorkingHourUpdate'];

const closedDay = (day: number): WorkingHour => ({
  day_of_week: day,
  open_all_day: false,
  closed_all_day: true,
  open_hour: null,
  open_minutes: null,
  close_hour: null,
  close_minutes: null,
});

const officeDay = (day: number): WorkingHour => ({
  day_of_week: day,
  open_all_day: false,
  closed_all_day: false,
  open_hour: 9,
  open_minutes: 0,
  close_hour: 17,
  close_minutes: 0,
});

/** The week a new inbox starts with, as in the reference: Monday to Friday 9:00–17:00, closed at the weekend. */
export function defaultWorkingHours(): WorkingHour[] {
  return [0, 1, 2, 3, 4, 5, 6].map((day) => (day === 0 || day === 6 ? closedDay(day) : officeDay(day)));
}

const invalid = (message: string) => validationError([{ attribute: 'working_hours', message }]);

const hourFields = ['open_hour', 'open_minutes', 'close_hour', 'close_minutes'] as const;

/**
 * A flag set to true switches the other one off, and hours given without flags open the day, so that a change
 * need not restate the flags it does not mean to keep.
 */
function merge(current: WorkingHour, change: WorkingHourChange): WorkingHour {
  const merged = { ...current, ...change };
  const flagsGiven = change.open_all_day !== undefined || change.closed_all_day !== undefined;
  if (!flagsGiven && hourFields.some((field) => change[field] !== undefined)) {
    return { ...merged, open_all_day: false, closed_all_day: false };
  }
  if (change.open_all_day === true && change.closed_all_day === undefined) merged.closed_all_day = false;
  if (change.closed_all_day === true && change.open_all_day === undefined) merged.open_all_day = false;
  return merged;
}

function settle(day: WorkingHour): WorkingHour {
  if (day.open_all_day && day.closed_all_day) {
    throw invalid(`of day ${day.day_of_week} cannot be open all day and closed all day`);
  }
  if (day.open_all_day) return { ...day, open_hour: 0, open_minutes: 0, close_hour: 23, close_minutes: 59 };
  if (day.closed_all_day) return closedDay(day.day_of_week);
  const { open_hour, open_minutes, close_hour, close_minutes } = day;
  if (open_hour === null || open_minutes === null || close_hour === null || close_minutes === null) {
    throw invalid(`of day ${day.day_of_week} need the opening and the closing time`);
  }
  if (close_hour * 60 + close_minutes <= open_hour * 60 + open_minutes) {
    throw invalid(`of day ${day.day_of_week} must close after they open`);
  }
  return day;
}

/** The week with the given days changed; the days not listed keep their hours. */
export function changeWorkingHours(week: WorkingHour[], changes: WorkingHourChange[]): WorkingHour[] {
  const days = new Set(changes.map((change) => change.day_of_week));
  if (days.size !== changes.length) throw invalid('lists a day more than once');
  return week.map((current) => {
    const change = changes.find((candidate) => candidate.day_of_week === current.day_of_week);
    return change ? settle(merge(current, change)) : current;
  });
}
