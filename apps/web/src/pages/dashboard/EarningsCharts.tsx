import { BarChart } from './BarChart';
import { CHART_DAYS, CHART_MONTHS, CurrencyHistory } from './earnings-history';
import { dayName, lastDays, lastMonths, monthName } from './months';

/** Net royalty earned per day over the last 28 days and per month over the last 12, in one currency. */
export function EarningsCharts(props: { history: CurrencyHistory }) {
  const { history } = props;
  const days = lastDays(CHART_DAYS);
  const months = lastMonths(CHART_MONTHS);
  return (
    <div className="charts">
      <BarChart
        title={`Earnings per day, last ${CHART_DAYS} days (${history.currency})`}
        currency={history.currency}
        bars={days.map((day, i) => ({
          key: day,
          label: dayName(day),
          tick: (CHART_DAYS - 1 - i) % 7 === 0 ? dayName(day) : undefined,
          value: history.perDay.get(day) ?? 0,
        }))}
      />
      <BarChart
        title={`Earnings per month, last ${CHART_MONTHS} months (${history.currency})`}
        currency={history.currency}
        bars={months.map((month) => ({
          key: month,
          label: monthName(month),
          tick: new Intl.DateTimeFormat(undefined, { month: 'narrow', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`)),
          value: history.perMonth.get(month) ?? 0,
        }))}
      />
    </div>
  );
}
