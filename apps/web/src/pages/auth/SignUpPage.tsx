import type { SessionReply } from '@mogul/contracts';
import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { setSession } from '../../api/session';
import { Field, ProblemMessage } from '../../ui/forms';

export function SignUpPage() {
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const signedIn = await api.post<SessionReply>(
        '/auth/register',
        { email: form.get('email'), password: form.get('password'), displayName: form.get('displayName') },
        { anonymous: true },
      );
      setSession(signedIn);
      navigate('/');
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">Create your account</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ProblemMessage problem={problem} fields={['email', 'password', 'displayName']} />
        <Field label="Name shown to others" name="displayName" problem={problem}>
          {(input) => <input {...input} autoComplete="nickname" required />}
        </Field>
        <Field label="Email" name="email" problem={problem}>
          {(input) => <input {...input} type="email" autoComplete="email" required />}
        </Field>
        <Field label="Password" name="password" problem={problem} hint="At least 12 characters.">
          {(input) => <input {...input} type="password" autoComplete="new-password" required />}
        </Field>
        <button type="submit" disabled={busy}>
          Sign up
        </button>
      </form>
      <p>
        Have an account? <Link to="/signin">Sign in</Link>.
      </p>
    </section>
  );
}
