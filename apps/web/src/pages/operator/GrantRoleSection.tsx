import type { GrantableRole, UserProfile } from '@mogul/contracts';
import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Field, ProblemMessage } from '../../ui/forms';

/** The roles an operator may grant; shoppers make themselves creators. */
const GRANTABLE: GrantableRole[] = ['merchant', 'operator'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Grants a user the merchant or operator role, by their user id. */
export function GrantRoleSection() {
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<GrantableRole>('merchant');
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [granted, setGranted] = useState<UserProfile>();
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setGranted(undefined);
    const id = userId.trim();
    if (!UUID.test(id)) {
      setProblem(
        new ApiProblem(400, 'about:blank', 'Check the user id', '', [
          { field: 'id', message: 'Enter the user’s id, a UUID such as 3f2b6c1e-8d4a-4c2e-9b1a-0f6e5d4c3b2a.' },
        ]),
      );
      return;
    }
    setSaving(true);
    try {
      setGranted(await api.post<UserProfile>(`/users/${encodeURIComponent(id)}/roles`, { role }));
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <section>
      <h2 id="roles-title">Grant a role</h2>
      <p className="muted">
        Merchants publish listings; operators run this console. Anyone can become a creator by themselves. The user has the role in the next
        access token they get (at the latest after signing in again).
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow">
        <ProblemMessage problem={problem} fields={['id', 'role']} />
        <Field label="User id" name="id" problem={problem} hint="The user’s id, e.g. 3f2b6c1e-…">
          {(input) => (
            <input {...input} value={userId} onChange={(e) => setUserId(e.target.value)} required autoComplete="off" spellCheck={false} />
          )}
        </Field>
        <Field label="Role" name="role" problem={problem}>
          {(input) => (
            <select {...input} value={role} onChange={(e) => setRole(e.target.value as GrantableRole)}>
              {GRANTABLE.map((r) => (
                <option key={r} value={r}>
                  {r[0].toUpperCase() + r.slice(1)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={saving}>
          {saving ? 'Granting…' : 'Grant role'}
        </button>
      </form>
      <div role="status">
        {granted && (
          <p className="notice">
            {granted.displayName} ({granted.email}) now has the roles: {granted.roles.join(', ')}.
          </p>
        )}
      </div>
    </section>
  );
}
