import { FormEvent, useState } from 'react';

/** The rolling periods the API knows, and a calendar month `yyyy-mm`. */
const ROLLING = [
  { value: '28d', label: 'Last 28 days' },
  { value: '7d', label: 'Last 7 days' },
  { value: 'all', label: 'All time' },
] as const;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(period: string): boolean {
  return MONTH.test(period);
}

function thisMonth(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Radio buttons for the period; "A month" comes with a month field (a `yyyy-mm` text field in
 * browsers without a month picker), applied with its Show button.
 */
export function PeriodPicker(props: { period: string; onChange: (period: string) => void }) {
  const { period, onChange } = props;
  const [month, setMonth] = useState(isMonth(period) ? period : thisMonth());
  const [monthProblem, setMonthProblem] = useState('');
  const showMonth = (event: FormEvent) => {
    event.preventDefault();
    if (!isMonth(month)) {
      setMonthProblem('Enter a month as yyyy-mm, for example 2026-05.');
      return;
    }
    setMonthProblem('');
    onChange(month);
  };
  return (
    <form className="period-picker" onSubmit={showMonth}>
      <fieldset>
        <legend>Period</legend>
        <div className="choices">
          {ROLLING.map((choice) => (
            <label key={choice.value}>
              <input
                type="radio"
                name="period"
                value={choice.value}
                checked={period === choice.value}
                onChange={() => onChange(choice.value)}
              />{' '}
              {choice.label}
            </label>
          ))}
          <label>
            <input type="radio" name="period" value="month" checked={isMonth(period)} onChange={() => isMonth(month) && onChange(month)} />{' '}
            A month
          </label>
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="leaderboard-month">Month</label>
            <input
              id="leaderboard-month"
              type="month"
              value={month}
              pattern="\d{4}-\d{2}"
              placeholder="yyyy-mm"
              aria-invalid={monthProblem !== ''}
              aria-describedby={monthProblem ? 'leaderboard-month-error' : undefined}
              onChange={(e) => setMonth(e.target.value)}
            />
            {monthProblem && (
              <p id="leaderboard-month-error" className="field-error" role="alert">
                {monthProblem}
              </p>
            )}
          </div>
          <div className="field">
            <button type="submit" className="secondary">
              Show month
            </button>
          </div>
        </div>
      </fieldset>
    </form>
  );
}
