import type { WeeklyPrizeSettings, WeeklyPrizeView } from '@mogul/contracts';
import { FormEvent, useState } from 'react';
import { request } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { formatMoney, parseAmount, toDecimal } from '../../money';
import { Field, ProblemMessage } from '../../ui/forms';
import { useLoad } from '../../ui/hooks';

const PATH = '/prizes/weekly';
const CURRENCY = /^[A-Z]{3}$/;

/** The zones this browser knows, for the time zone field's suggestions. */
function knownZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
}

/** The prize as set, or undefined while none has been (the API answers 404). */
async function loadPrize(signal: AbortSignal): Promise<WeeklyPrizeView | undefined> {
  try {
    return await request<WeeklyPrizeView>('GET', PATH, { signal });
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) return undefined;
    throw error;
  }
}

const fieldProblem = (field: string, message: string) => new ApiProblem(400, 'about:blank', 'Check the prize', '', [{ field, message }]);

const weekFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** Sets the weekly prize for the top creator: its amount and currency, and the zone whose Monday 00:00 starts each week. */
export function PrizeSection() {
  const loaded = useLoad(loadPrize, []);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('AUD');
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [saved, setSaved] = useState<WeeklyPrizeView>();
  const [saving, setSaving] = useState(false);
  const current = saved ?? loaded.data;

  // The form takes the prize as set in the render that first shows it, so what an operator types
  // as soon as the page appears is never overwritten by the prize arriving a moment later.
  const [shown, setShown] = useState<typeof loaded.data>();
  if (loaded.data && loaded.data !== shown) {
    setShown(loaded.data);
    setAmount(toDecimal(loaded.data.amount.amount, loaded.data.amount.currency));
    setCurrency(loaded.data.amount.currency);
    setTimeZone(loaded.data.timeZone);
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setSaved(undefined);
    const code = currency.trim().toUpperCase();
    if (!CURRENCY.test(code)) return setProblem(fieldProblem('amount.currency', 'Enter a currency code such as AUD.'));
    const minor = parseAmount(amount, code);
    if (minor === undefined || minor < 1) return setProblem(fieldProblem('amount.amount', 'Enter an amount above zero, such as 50.00.'));
    const body: WeeklyPrizeSettings = { amount: { amount: minor, currency: code }, timeZone: timeZone.trim() };
    setSaving(true);
    try {
      setSaved(await request<WeeklyPrizeView>('PUT', PATH, { body }));
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="prize-title">
      <h2 id="prize-title">Weekly prize</h2>
      <p className="muted">
        Each week, from Monday 00:00 to the next Monday in the time zone below, the creator with the highest net royalties in the prize’s
        currency wins the prize on top of their royalties, straight into their available balance. A change applies to the current week and
        every later one.
      </p>
      <ProblemMessage problem={loaded.error} />
      <div role="status">
        {loaded.loading && !current && <p aria-busy="true">Loading the prize…</p>}
        {!loaded.loading && !current && !loaded.error && <p>No prize is set: no week has a winner.</p>}
        {current && (
          <p className="notice">
            {saved ? 'Saved. ' : ''}The prize is {formatMoney(current.amount)} a week in {current.timeZone}; the week being decided now runs
            from {weekFormat.format(new Date(current.nextPeriod.from))} to {weekFormat.format(new Date(current.nextPeriod.to))}.
          </p>
        )}
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow">
        <ProblemMessage problem={problem} fields={['amount', 'amount.amount', 'amount.currency', 'timeZone']} />
        <div className="row">
          <Field label="Prize" name="amount.amount" problem={problem} hint="In major units, e.g. 50.00">
            {(input) => (
              <input
                {...input}
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                inputMode="decimal"
                required
                autoComplete="off"
              />
            )}
          </Field>
          <Field label="Currency" name="amount.currency" problem={problem}>
            {(input) => (
              <input
                {...input}
                value={currency}
                onChange={(e) => setCurrency(e.target.value)}
                maxLength={3}
                required
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
        </div>
        <Field label="Time zone" name="timeZone" problem={problem} hint="An IANA time zone, e.g. Australia/Sydney">
          {(input) => (
            <>
              <input
                {...input}
                value={timeZone}
                onChange={(e) => setTimeZone(e.target.value)}
                list="prize-time-zones"
                required
                autoComplete="off"
                spellCheck={false}
              />
              <datalist id="prize-time-zones">
                {knownZones().map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save prize'}
        </button>
      </form>
    </section>
  );
}
