import { OrderLimits } from '@mogul/contracts';
import { FieldProblem } from '@mogul/http';
import { MixedCurrenciesError, OrderTotalTooLargeError, ProductNotOrderableError, UnknownProductError } from '../errors';
import { Product } from '../products/product.entity';

export interface RequestedLine {
  productId: string;
  quantity: number;
}

/** A line priced from the projection: everything the order keeps about the design at this moment. */
export interface PricedLine {
  productId: string;
  productName: string;
  listingId: string;
  merchantId: string;
  quantity: number;
  unitPriceAmount: number;
  royaltyAmount: number;
  currency: string;
  creatorId: string;
  parentCreatorId: string | null;
  parentShareBps: number | null;
}

export interface PricedOrder {
  lines: PricedLine[];
  currency: string;
  totalAmount: number;
}

function whyNotOrderable(product: Product): string | undefined {
  if (product.status !== 'published') return `is ${product.status}`;
  if (product.hidden) return "is hidden while reports of it await a moderator's decision";
  if (!product.fitsListing) return 'no longer fits its listing: the listing changed since it was designed';
  if (!product.orderable) return 'cannot be ordered now (its listing is not active)';
  return undefined;
}

/**
 * Prices the requested lines from the designs as orders last heard of them. Unknown designs are
 * 422, unorderable ones 409, each naming the line; all lines must share one currency (422 naming
 * the lines that differ from the first); the total must be at most `OrderLimits.totalAmountMax`
 * (422), which bounds every line's total as well.
 */
export function priceLines(requested: RequestedLine[], products: ReadonlyMap<string, Product>): PricedOrder {
  const lines = requested.map((line, index): PricedLine => {
    const product = products.get(line.productId);
    if (!product) throw new UnknownProductError(index, line.productId);
    const why = whyNotOrderable(product);
    if (why) throw new ProductNotOrderableError(index, line.productId, why);
    return {
      productId: product.id,
      productName: product.name,
      listingId: product.listingId,
      merchantId: product.merchantId,
      quantity: line.quantity,
      unitPriceAmount: product.unitPriceAmount,
      royaltyAmount: product.royaltyAmount,
      currency: product.currency,
      creatorId: product.creatorId,
      parentCreatorId: product.parentCreatorId,
      parentShareBps: product.parentShareBps,
    };
  });
  const currency = lines[0].currency;
  const mixed: FieldProblem[] = lines.flatMap((line, index) =>
    line.currency === currency ? [] : [{ field: `lines[${index}].productId`, message: `is priced in ${line.currency}, not ${currency}` }],
  );
  if (mixed.length > 0) throw new MixedCurrenciesError(mixed);
  // Summed exactly whatever the amounts; only a total within the limit becomes a number again.
  const total = lines.reduce((sum, line) => sum + BigInt(line.unitPriceAmount) * BigInt(line.quantity), 0n);
  if (total > BigInt(OrderLimits.totalAmountMax)) throw new OrderTotalTooLargeError(total, OrderLimits.totalAmountMax, currency);
  return { lines, currency, totalAmount: Number(total) };
}
