import type { SessionReply } from '@mogul/contracts';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { setSession } from '../../api/session';
import { Field, ProblemMessage } from '../../ui/forms';

export function SignInPage() {
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const signedIn = await api.post<SessionReply>(
        '/auth/login',
        { email: form.get('email'), password: form.get('password') },
        { anonymous: true },
      );
      setSession(signedIn);
      navigate(params.get('next') ?? '/');
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      {params.get('expired') && <p className="notice">Your session has ended. Sign in again to go on.</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ProblemMessage problem={problem} fields={['email', 'password']} />
        <Field label="Email" name="email" problem={problem}>
          {(input) => <input {...input} type="email" autoComplete="email" required />}
        </Field>
        <Field label="Password" name="password" problem={problem}>
          {(input) => <input {...input} type="password" autoComplete="current-password" required />}
        </Field>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <p>
        New here? <Link to="/signup">Create an account</Link>.
      </p>
    </section>
  );
}
