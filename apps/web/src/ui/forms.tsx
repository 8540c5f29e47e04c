import { ReactNode, useId } from 'react';
import { ApiProblem } from '../api/problem';

/** A labelled input with the API's messages about its field shown under it and announced to screen readers. */
export function Field(props: {
  label: string;
  name: string;
  problem?: ApiProblem | Error;
  hint?: string;
  children: (input: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const messages = props.problem instanceof ApiProblem ? props.problem.messagesFor(props.name) : [];
  const described = [props.hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, name: props.name, 'aria-invalid': messages.length > 0, 'aria-describedby': described })}
      {props.hint && (
        <small id={`${id}-hint`} className="hint">
          {props.hint}
        </small>
      )}
      {messages.length > 0 && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {messages.join(' ')}
        </p>
      )}
    </div>
  );
}

/** The problem as a whole, above a form: only what no field of the form shows. */
export function ProblemMessage(props: { problem?: ApiProblem | Error; fields?: readonly string[] }) {
  if (!props.problem) return null;
  const text = props.problem instanceof ApiProblem ? props.problem.summary(props.fields) : props.problem.message;
  if (!text) return null;
  return (
    <p className="problem" role="alert">
      {text}
    </p>
  );
}
