import type { OrderView, ProductView } from '@mogul/contracts';
import { IDEMPOTENCY_KEY_HEADER, OrderLimits } from '@mogul/contracts';
import { FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, idempotencyKey } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Field, ProblemMessage } from '../../ui/forms';
import { useSession } from '../../ui/hooks';
import { fieldProblem } from '../../ui/shop-field-problem';
import { OrderResult } from './OrderResult';

const QUANTITY_FIELD = 'lines[0].quantity';
/** The payment simulator's token that always succeeds: no card is involved. */
const DEMO_PAYMENT_TOKEN = 'tok_success';

/**
 * Orders the design. A submit that failed is retried under the same Idempotency-Key (while the
 * quantity is unchanged), so a retry after a lost answer cannot place a second order.
 */
export function OrderForm(props: { design: ProductView }) {
  const { design } = props;
  const session = useSession();
  const [quantity, setQuantity] = useState('1');
  const [order, setOrder] = useState<OrderView>();
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ key: string; body: string }>(undefined);

  if (!session) {
    return (
      <p>
        <Link to={`/signin?next=${encodeURIComponent(`/designs/${design.id}`)}`}>Sign in to order</Link>
      </p>
    );
  }
  if (!design.orderable) return <p className="notice">This design cannot be ordered right now.</p>;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const units = /^\s*\d+\s*$/.test(quantity) ? Number(quantity) : NaN;
    if (!(units >= OrderLimits.quantityMin && units <= OrderLimits.quantityMax)) {
      setProblem(fieldProblem(QUANTITY_FIELD, `Enter a whole number from ${OrderLimits.quantityMin} to ${OrderLimits.quantityMax}.`));
      return;
    }
    const body = { lines: [{ productId: design.id, quantity: units }], paymentToken: DEMO_PAYMENT_TOKEN };
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { key: idempotencyKey(), body: text };
    setBusy(true);
    setProblem(undefined);
    setOrder(undefined);
    try {
      setOrder(await api.post<OrderView>('/orders', body, { headers: { [IDEMPOTENCY_KEY_HEADER]: attempt.current.key } }));
      attempt.current = undefined;
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="order-title">
      <p className="notice">Demo payment: no card is charged. The order is paid with the payment simulator's test token.</p>
      <ProblemMessage problem={problem} fields={[QUANTITY_FIELD]} />
      <Field label="Quantity" name={QUANTITY_FIELD} problem={problem}>
        {(input) => (
          <input
            {...input}
            type="number"
            inputMode="numeric"
            min={OrderLimits.quantityMin}
            max={OrderLimits.quantityMax}
            step={1}
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            className="quantity"
          />
        )}
      </Field>
      <button type="submit" aria-disabled={busy}>
        Place order
      </button>
      {busy && (
        <span role="status" className="muted">
          {' '}
          Placing your order…
        </span>
      )}
      {order && <OrderResult order={order} />}
    </form>
  );
}
