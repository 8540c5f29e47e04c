import type { ProductView } from '@mogul/contracts';
import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Field, ProblemMessage } from '../../ui/forms';

/** Rejects a published design, with the reason its creator will read. */
export function RejectForm(props: { design: ProductView; onRejected: (design: ProductView) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setProblem(
        new ApiProblem(400, 'about:blank', 'A reason is needed', '', [{ field: 'reason', message: 'Say why: the creator reads it.' }]),
      );
      return;
    }
    setSaving(true);
    try {
      props.onRejected(await api.post<ProductView>(`/products/${props.design.id}/reject`, { reason: reason.trim() }));
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="reject-form" aria-label={`Reject ${props.design.name}`}>
      <ProblemMessage problem={problem} fields={['reason']} />
      <Field label={`Reason for rejecting ${props.design.name}`} name="reason" problem={problem} hint="Shown to the creator.">
        {(input) => <textarea {...input} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus />}
      </Field>
      <div className="row">
        <button type="submit" disabled={saving}>
          {saving ? 'Rejecting…' : 'Reject design'}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
