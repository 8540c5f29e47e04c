import { formatMoney } from '../../money';
import { PriceBreakdown as Breakdown } from './design-pricing';

/** The unit price as it is built: base + options + royalty, the total announced as it changes. */
export function PriceBreakdown(props: { price: Breakdown }) {
  const { price } = props;
  return (
    <section aria-labelledby="price-title" className="price-breakdown">
      <h2 id="price-title">Price</h2>
      <dl>
        <div>
          <dt>Base price</dt>
          <dd className="money">{formatMoney(price.base)}</dd>
        </div>
        <div>
          <dt>Options</dt>
          <dd className="money">+ {formatMoney(price.options)}</dd>
        </div>
        <div>
          <dt>Your royalty</dt>
          <dd className="money">+ {price.royalty ? formatMoney(price.royalty) : '—'}</dd>
        </div>
        <div className="total">
          <dt>Unit price</dt>
          <dd>
            <output className="money" aria-live="polite">
              {price.unit ? formatMoney(price.unit) : 'Enter a royalty to see the price'}
            </output>
          </dd>
        </div>
      </dl>
    </section>
  );
}
