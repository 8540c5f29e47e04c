import type { CharityListView, EarningsView, GivingSettingRequest, GivingView } from '@mogul/contracts';
import { FormEvent, useState } from 'react';
import { request } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Money } from '../../ui/Money';
import { Field, ProblemMessage } from '../../ui/forms';
import { useLoad } from '../../ui/hooks';

const PATH = '/creators/me/giving';
const WHOLE_PERCENT = /^\d{1,3}$/;

const fieldProblem = (field: string, message: string) => new ApiProblem(400, 'about:blank', 'Check your giving', '', [{ field, message }]);

async function loadGiving(signal: AbortSignal): Promise<{ giving: GivingView; charities: CharityListView }> {
  const [giving, charities] = await Promise.all([
    request<GivingView>('GET', PATH, { signal }),
    request<CharityListView>('GET', '/charities', { signal }),
  ]);
  return { giving, charities };
}

/**
 * Giving: the charity the creator gives to and the whole percent of each royalty, from now on,
 * with what they gave so far (from the live earnings).
 */
export function GivingSection(props: { earnings?: EarningsView }) {
  const loaded = useLoad(loadGiving, []);
  const [charityId, setCharityId] = useState('');
  const [percent, setPercent] = useState('0');
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [saved, setSaved] = useState<GivingView>();
  const [saving, setSaving] = useState(false);
  const current = saved ?? loaded.data?.giving;

  // The form takes the current setting in the same render that shows the charities, so a choice
  // made as soon as they appear is never overwritten by the setting arriving a moment later.
  const [shown, setShown] = useState<typeof loaded.data>();
  if (loaded.data && loaded.data !== shown) {
    setShown(loaded.data);
    setCharityId(loaded.data.giving.charity?.id ?? '');
    setPercent(String(loaded.data.giving.percent));
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setSaved(undefined);
    const text = percent.trim();
    if (!WHOLE_PERCENT.test(text) || Number(text) > 100) return setProblem(fieldProblem('percent', 'Enter a whole percent from 0 to 100.'));
    if (Number(text) > 0 && charityId === '') return setProblem(fieldProblem('charityId', 'Choose a charity, or give 0 %.'));
    const body: GivingSettingRequest = { charityId: charityId === '' ? null : charityId, percent: Number(text) };
    setSaving(true);
    try {
      setSaved(await request<GivingView>('PUT', PATH, { body }));
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setSaving(false);
    }
  };

  const charities = loaded.data?.charities.charities ?? [];
  const given = (props.earnings?.currencies ?? []).filter((c) => c.donated.lifetime.amount !== 0 || c.donated.thisMonth.amount !== 0);
  return (
    <section aria-labelledby="giving-title">
      <h2 id="giving-title">Giving</h2>
      <p className="muted">
        Give a whole percent of every royalty you earn from now on to a charity. The charity gets that percent of each royalty, rounded down
        to the cent, and you keep the rest; royalties earned before a change keep the share they were earned with. A refund gives the
        charity’s part back with the royalty. Your statement shows each gift as a line beside its royalty.
      </p>
      <ProblemMessage problem={loaded.error} />
      <div role="status">
        {current && (
          <p className="notice">
            {saved ? 'Saved. ' : ''}
            {current.charity
              ? `You give ${current.percent} % of your royalties to ${current.charity.name}.`
              : 'You are not giving to a charity.'}
          </p>
        )}
      </div>
      {given.length > 0 && (
        <dl className="figures">
          {given.map((c) => (
            <div key={c.currency}>
              <dt>Given in {c.currency}: this month / in all</dt>
              <dd>
                <Money value={c.donated.thisMonth} /> / <Money value={c.donated.lifetime} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow">
        <ProblemMessage problem={problem} fields={['charityId', 'percent']} />
        <div className="row">
          <Field label="Charity" name="charityId" problem={problem}>
            {(input) => (
              <select {...input} value={charityId} onChange={(e) => setCharityId(e.target.value)}>
                <option value="">No charity</option>
                {charities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Percent" name="percent" problem={problem} hint="0 to 100; 0 turns giving off">
            {(input) => (
              <input
                {...input}
                value={percent}
                onChange={(e) => setPercent(e.target.value)}
                inputMode="numeric"
                required
                autoComplete="off"
              />
            )}
          </Field>
        </div>
        <button type="submit" disabled={saving || loaded.loading}>
          {saving ? 'Saving…' : 'Save giving'}
        </button>
      </form>
    </section>
  );
}
