import { FLAG_REASONS, FlagLimits, flagTextProblem, type FlagReason, type FlagView, type ProductView } from '@mogul/contracts';
import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Field, ProblemMessage } from '../../ui/forms';

const REASON_LABELS: Record<FlagReason, string> = {
  offensive: 'Offensive',
  copyright: 'Copies someone else’s work',
  spam: 'Spam',
  other: 'Something else',
};

const FIELDS = ['reason', 'text'] as const;

/**
 * Reports a design to the operators: a reason and, for “something else”, a few words. One report
 * per person: reporting again answers the first one, and the page says so.
 */
export function ReportDesign(props: { design: ProductView }) {
  const { design } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<FlagReason>('offensive');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [saving, setSaving] = useState(false);
  const [answer, setAnswer] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const textProblem = flagTextProblem(reason, text);
    if (textProblem) {
      setProblem(new ApiProblem(400, 'about:blank', 'The report is not complete', '', [{ field: 'text', message: textProblem }]));
      return;
    }
    setSaving(true);
    setProblem(undefined);
    try {
      const flag = await api.post<FlagView>(`/products/${design.id}/flag`, { reason, text: text.trim() || undefined });
      const same = flag.reason === reason && (flag.text ?? '') === text.trim();
      setAnswer(
        same ? 'Thank you: the operators will review this design.' : 'You have already reported this design; your first report stands.',
      );
      setOpen(false);
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="report">
      <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        Report<span className="visually-hidden"> {design.name}</span>
      </button>
      <p role="status" className="report-answer">
        {answer}
      </p>
      {open && (
        <form onSubmit={(e) => void submit(e)} noValidate className="report-form" aria-label={`Report ${design.name}`}>
          <ProblemMessage problem={problem} fields={FIELDS} />
          <Field label="Reason" name="reason" problem={problem}>
            {(input) => (
              <select {...input} value={reason} onChange={(e) => setReason(e.target.value as FlagReason)}>
                {FLAG_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {REASON_LABELS[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={reason === 'other' ? 'What is wrong' : 'What is wrong (optional)'}
            name="text"
            problem={problem}
            hint={`Up to ${FlagLimits.textMaxLength} characters. The creator and the operators read it; your name is never shown.`}
          >
            {(input) => (
              <textarea {...input} rows={3} value={text} onChange={(e) => setText(e.target.value)} required={reason === 'other'} />
            )}
          </Field>
          <div className="row">
            <button type="submit" disabled={saving}>
              {saving ? 'Sending…' : 'Send report'}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
