import { Injectable } from '@nestjs/common';
import { OrderPaidV1 } from '@mogul/contracts';
import { EntityManager } from 'typeorm';
import { preparedQuery } from '@mogul/persistence';

/**
 * Per-design sales counters for the `orders` sort and the leaderboard, kept from
 * `orders.order.paid`: `orders_count` counts paid orders that contain the design (once per order,
 * however many lines), `units_ordered` adds up the quantities. They are rankings, not money, so
 * they change no version and publish nothing.
 */
@Injectable()
export class ProductSalesCounter {
  /** Counts a run of paid orders in one statement. */
  async recordPaidOrders(manager: EntityManager, orders: OrderPaidV1[]): Promise<void> {
    const sales = new Map<string, { orders: number; units: number }>();
    for (const order of orders) {
      const units = new Map<string, number>();
      for (const line of order.lines) units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);
      for (const [productId, quantity] of units) {
        const counted = sales.get(productId) ?? { orders: 0, units: 0 };
        sales.set(productId, { orders: counted.orders + 1, units: counted.units + quantity });
      }
    }
    if (sales.size === 0) return;
    await preparedQuery(
      manager,
      'products.record-sales',
      `UPDATE products p SET orders_count = p.orders_count + s.orders, units_ordered = p.units_ordered + s.units
       FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS s(product_id, orders, units)
       WHERE p.id = s.product_id`,
      [[...sales.keys()], [...sales.values()].map((s) => s.orders), [...sales.values()].map((s) => s.units)],
    );
  }
}
