import { ApiProperty } from '@nestjs/swagger';
import { ORDER_STATUSES, OrderLineView, OrderPage, OrderStatus, OrderView } from '@mogul/contracts';
import { MoneyResponse } from '../../http/money.dto';

export class OrderLineResponse implements OrderLineView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ example: 'Spicy Meat Feast' })
  productName!: string;

  @ApiProperty({ format: 'uuid' })
  listingId!: string;

  @ApiProperty({ format: 'uuid' })
  merchantId!: string;

  @ApiProperty({ example: 2 })
  quantity!: number;

  @ApiProperty({ type: MoneyResponse, description: 'As it was when the order was placed.' })
  unitPrice!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: "The creator's royalty per unit, as it was when the order was placed." })
  royaltyPerUnit!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse })
  lineTotal!: MoneyResponse;

  @ApiProperty({ format: 'uuid' })
  creatorId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentCreatorId!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 2000 })
  parentShareBps!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  refundedAt!: string | null;
}

export class OrderResponse implements OrderView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  shopperId!: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  status!: OrderStatus;

  @ApiProperty({
    type: MoneyResponse,
    description:
      "What the shopper pays for the order's lines. A merchant reading the order (the lines of their listings only) " +
      'sees the total of those lines alone, not of the whole order.',
  })
  total!: MoneyResponse;

  @ApiProperty({
    type: MoneyResponse,
    description: 'What was refunded of the total: the totals of the refunded lines; for a merchant, of their own refunded lines.',
  })
  refunded!: MoneyResponse;

  @ApiProperty({
    type: [OrderLineResponse],
    description: "All lines for the shopper and operators; a merchant's own lines for a merchant.",
  })
  lines!: OrderLineResponse[];

  @ApiProperty({ type: String, nullable: true, example: 'card_declined', description: 'Why the payment failed.' })
  paymentFailure!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  placedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  paidAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  fulfilledAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cancelledAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class OrderPageResponse implements OrderPage {
  @ApiProperty({ type: [OrderResponse] })
  items!: OrderResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
