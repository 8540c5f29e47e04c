import { ApiProblem } from '../../api/problem';
import { messagesAt } from './listing-draft';

/** The API's messages about a whole group of inputs (`optionGroups[0].options`), shown at its fieldset. */
export function FieldsetMessages(props: { problem?: ApiProblem | Error; fields: string[] }) {
  const messages = props.fields.flatMap((field) => messagesAt(props.problem, field));
  if (messages.length === 0) return null;
  return (
    <p className="field-error" role="alert">
      {messages.join(' ')}
    </p>
  );
}
