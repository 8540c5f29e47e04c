import type { CharityListView, CharityStatementView, CharityView } from '@mogul/contracts';
import { FormEvent, useState } from 'react';
import { api, request } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Field, ProblemMessage } from '../../ui/forms';
import { useLoad } from '../../ui/hooks';
import { StatementTable } from '../dashboard/StatementTable';

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The charities creators may give to: add, rename, activate or deactivate, and read each one's statement. */
export function CharitiesSection() {
  const list = useLoad((signal) => request<CharityListView>('GET', '/charities', { signal }), []);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [notice, setNotice] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [shown, setShown] = useState<CharityView>();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setNotice(undefined);
    if (name.trim() === '') {
      setProblem(new ApiProblem(400, 'about:blank', 'Check the name', '', [{ field: 'name', message: 'Enter the charity’s name.' }]));
      return;
    }
    setSaving(true);
    try {
      const created = await api.post<CharityView>('/charities', { name: name.trim() });
      setNotice(`${created.name} was added; creators can choose it now.`);
      setName('');
      list.reload();
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setSaving(false);
    }
  };

  const charities = list.data?.charities ?? [];
  return (
    <section aria-labelledby="charities-title">
      <h2 id="charities-title">Charities</h2>
      <p className="muted">
        Creators may give a share of their royalties to one of the active charities below. What a charity is given is released like
        royalties and paid to it by payout runs. Deactivating a charity turns off the giving of every creator who chose it, from now on.
      </p>
      <form onSubmit={(e) => void add(e)} noValidate className="narrow">
        <ProblemMessage problem={problem} fields={['name']} />
        <Field label="New charity" name="name" problem={problem}>
          {(input) => <input {...input} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />}
        </Field>
        <button type="submit" disabled={saving}>
          {saving ? 'Adding…' : 'Add charity'}
        </button>
      </form>
      <div role="status">{notice && <p className="notice">{notice}</p>}</div>
      <ProblemMessage problem={list.error} />
      {list.loading && !list.data && <p aria-busy="true">Loading the charities…</p>}
      {list.data && charities.length === 0 && <p>No charities yet.</p>}
      {charities.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>Charities</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {charities.map((charity) => (
                <CharityRow key={charity.id} charity={charity} onChanged={list.reload} onShowStatement={() => setShown(charity)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown && <CharityStatement charity={shown} />}
    </section>
  );
}

function CharityRow(props: { charity: CharityView; onChanged: () => void; onShowStatement: () => void }) {
  const { charity } = props;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(charity.name);
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [busy, setBusy] = useState(false);
  const change = async (body: { name?: string; active?: boolean }) => {
    setProblem(undefined);
    setBusy(true);
    try {
      await api.patch<CharityView>(`/charities/${encodeURIComponent(charity.id)}`, body);
      setRenaming(false);
      props.onChanged();
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr>
      <td>
        {renaming ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void change({ name: name.trim() });
            }}
            noValidate
          >
            <Field label={`New name for ${charity.name}`} name="name" problem={problem}>
              {(input) => <input {...input} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />}
            </Field>
            <button type="submit" disabled={busy}>
              Save name
            </button>{' '}
            <button type="button" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          charity.name
        )}
        <ProblemMessage problem={problem} fields={renaming ? ['name'] : []} />
      </td>
      <td>{charity.active ? 'Active' : 'Inactive'}</td>
      <td>
        {!renaming && (
          <button type="button" onClick={() => setRenaming(true)} disabled={busy}>
            Rename
          </button>
        )}{' '}
        <button type="button" onClick={() => void change({ active: !charity.active })} disabled={busy}>
          {charity.active ? 'Deactivate' : 'Activate'}
        </button>{' '}
        <button type="button" onClick={props.onShowStatement}>
          Statement
        </button>
      </td>
    </tr>
  );
}

/** This month's statement of a charity, per currency (the first page of each). */
function CharityStatement(props: { charity: CharityView }) {
  const [month, setMonth] = useState(thisMonth);
  const statement = useLoad(
    (signal) => request<CharityStatementView>('GET', `/charities/${encodeURIComponent(props.charity.id)}/statements/${month}`, { signal }),
    [props.charity.id, month],
  );
  return (
    <section aria-labelledby="charity-statement-title">
      <h3 id="charity-statement-title">Statement of {props.charity.name}</h3>
      <Field label="Month" name="month">
        {(input) => <input {...input} type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />}
      </Field>
      <ProblemMessage problem={statement.error} />
      {statement.loading && !statement.data && <p aria-busy="true">Loading the statement…</p>}
      {statement.data && statement.data.currencies.length === 0 && <p>Nothing given to this charity yet.</p>}
      {statement.data?.currencies.map((c) => (
        <StatementTable
          key={c.currency}
          month={statement.data?.month ?? month}
          statement={c}
          lines={c.lines}
          complete={c.nextCursor === null}
        />
      ))}
    </section>
  );
}
