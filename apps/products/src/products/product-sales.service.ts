import { Injectable } from '@nestjs/common';
import { OrderPaidV1 } from '@mogul/contracts';
import { EntityManager } from 'typeorm';

/**
 * Per-design sales counters for the `orders` sort and the leaderboard, kept from
 * `orders.order.paid`: `orders_count` counts paid orders that contain the design (once per order,
 * however many lines), `units_ordered` adds up the quantities. They are rankings, not money, so
 * they change no version and publish nothing.
 */
@Injectable()
export class ProductSalesCounter {
  async recordPaidOrder(manager: EntityManager, order: OrderPaidV1): Promise<void> {
    const units = new Map<string, number>();
    for (const line of order.lines) units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);
    if (units.size === 0) return;
    await manager.query(
      `UPDATE products p SET orders_count = p.orders_count + 1, units_ordered = p.units_ordered + s.units
       FROM unnest($1::uuid[], $2::bigint[]) AS s(product_id, units)
       WHERE p.id = s.product_id`,
      [[...units.keys()], [...units.values()]],
    );
  }
}
