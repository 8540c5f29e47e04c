import type { FlagReason, FlagSummary as Summary } from '@mogul/contracts';

export const FLAG_REASON_NAMES: Record<FlagReason, string> = {
  offensive: 'offensive',
  copyright: 'copyright',
  spam: 'spam',
  other: 'other',
};

/** A design's open reports: how many per reason and what people wrote (never who). */
export function FlagSummary(props: { flags: Summary; heading?: string }) {
  const { flags } = props;
  const counted = (Object.entries(flags.byReason) as [FlagReason, number][]).filter(([, count]) => count > 0);
  return (
    <div className="flags">
      <p>
        <strong>{props.heading ?? `${flags.open} open ${flags.open === 1 ? 'report' : 'reports'}`}</strong>
        {counted.length > 0 && <span>: {counted.map(([reason, count]) => `${count} ${FLAG_REASON_NAMES[reason]}`).join(', ')}</span>}
        {flags.hidden && <span> — hidden from the shop until an operator decides</span>}
      </p>
      {flags.texts.length > 0 && (
        <ul className="flag-texts">
          {flags.texts.map((t, i) => (
            <li key={i}>
              <span className="muted">{FLAG_REASON_NAMES[t.reason]}:</span> {t.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
