import { useId } from 'react';
import { formatMoney } from '../../money';

export interface Bar {
  key: string;
  /** What the bar is, in full: `14 May`, `May 2026`. */
  label: string;
  /** What the axis shows under it, when it shows anything. */
  tick?: string;
  /** Minor units; may be negative. */
  value: number;
}

const WIDTH = 360;
const HEIGHT = 160;
const TOP = 8;
const BOTTOM = 20;

/**
 * Money per period as bars, drawn in SVG. The drawing is one image named by the title with a
 * summary beside it; the same figures are in a table for anyone who wants each one.
 */
export function BarChart(props: { title: string; bars: Bar[]; currency: string }) {
  const id = useId();
  const { bars, currency } = props;
  const money = (amount: number) => formatMoney({ amount, currency });
  const highest = Math.max(0, ...bars.map((b) => b.value));
  const lowest = Math.min(0, ...bars.map((b) => b.value));
  const range = highest - lowest || 1;
  const plot = HEIGHT - TOP - BOTTOM;
  const zero = TOP + (highest / range) * plot;
  const slot = WIDTH / Math.max(bars.length, 1);
  const total = bars.reduce((sum, b) => sum + b.value, 0);
  const best = bars.reduce<Bar | undefined>((top, b) => (b.value > (top?.value ?? 0) ? b : top), undefined);
  const summary = best
    ? `Total ${money(total)}; most on ${best.label}: ${money(best.value)}.`
    : `Nothing earned in this period (${money(0)}).`;
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{props.title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
        {bars.map((bar, i) => {
          const height = (Math.abs(bar.value) / range) * plot;
          return (
            <g key={bar.key}>
              <rect
                className={bar.value < 0 ? 'bar negative' : 'bar'}
                x={i * slot + slot * 0.15}
                y={bar.value >= 0 ? zero - height : zero}
                width={slot * 0.7}
                height={Math.max(height, bar.value === 0 ? 0 : 1)}
              >
                <title>{`${bar.label}: ${money(bar.value)}`}</title>
              </rect>
              {bar.tick && (
                <text x={i * slot + slot / 2} y={HEIGHT - 5} textAnchor="middle" className="tick">
                  {bar.tick}
                </text>
              )}
            </g>
          );
        })}
        <line x1={0} x2={WIDTH} y1={zero} y2={zero} className="axis" />
      </svg>
      <p id={`${id}-summary`} className="muted">
        {summary}
      </p>
      <details>
        <summary>{props.title} as a table</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  Earned
                </th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar) => (
                <tr key={bar.key}>
                  <th scope="row">{bar.label}</th>
                  <td className="num">{money(bar.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
