import type { LiveStatus } from './live-earnings';
import type { EarningsNews } from './use-live-earnings';

const WORDS: Record<LiveStatus, string> = {
  connecting: 'connecting…',
  connected: 'connected',
  reconnecting: 'reconnecting…',
  unavailable: 'unavailable, checking every 20 seconds instead',
  stopped: 'off',
};

/** Whether new royalties arrive by themselves, and the latest one, said politely to screen readers. */
export function LiveStatusBar(props: { status: LiveStatus; news?: EarningsNews }) {
  return (
    <div className="live-bar">
      <p className={`live-status ${props.status}`}>
        <span className="dot" aria-hidden="true" />
        <span>Live earnings: {WORDS[props.status]}</span>
      </p>
      <div aria-live="polite" aria-atomic="true" className="live-news">
        {props.news && (
          <p key={props.news.id} className="news">
            {props.news.text}
          </p>
        )}
      </div>
    </div>
  );
}
