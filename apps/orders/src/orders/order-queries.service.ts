import { Injectable } from '@nestjs/common';
import { OrderLimits, OrderPage, OrderView } from '@mogul/contracts';
import { Actor } from '@mogul/http';
import { DataSource, In } from 'typeorm';
import { OrderNotFoundError } from '../errors';
import { decodeCursor, encodeCursor } from './cursor';
import { OrderLine } from './order-line.entity';
import { merchantOrderView, orderView } from './order-view';
import { Order } from './order.entity';

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** Reads of orders, each checked against who asks: others' orders read as not found. */
@Injectable()
export class OrderQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The shopper's own order; an operator's any; a merchant's when it has a line of theirs. */
  async get(actor: Actor, orderId: string): Promise<OrderView> {
    const order = await this.dataSource.manager.findOne(Order, { where: { id: orderId } });
    if (!order) throw new OrderNotFoundError(orderId);
    const lines = await this.dataSource.manager.find(OrderLine, { where: { orderId } });
    const mine = order.shopperId === actor.userId || actor.roles.includes('operator');
    if (mine) return orderView(order, lines);
    if (!lines.some((l) => l.merchantId === actor.userId)) throw new OrderNotFoundError(orderId);
    return merchantOrderView(order, lines, actor.userId);
  }

  /** The shopper's orders, newest first. */
  mine(actor: Actor, page: PageRequest): Promise<OrderPage> {
    return this.page(`o.shopper_id = $1`, actor.userId, page);
  }

  /** Orders with lines of the merchant's listings, newest first; each shows only those lines and their amounts. */
  forMerchant(actor: Actor, page: PageRequest): Promise<OrderPage> {
    return this.page(`o.id IN (SELECT order_id FROM order_lines WHERE merchant_id = $1)`, actor.userId, page, actor.userId);
  }

  private async page(filter: string, owner: string, page: PageRequest, onlyMerchant?: string): Promise<OrderPage> {
    const limit = page.limit ?? OrderLimits.pageSizeDefault;
    const params: unknown[] = [owner];
    let after = '';
    if (page.cursor) {
      const position = decodeCursor(page.cursor);
      params.push(position.placedAt, position.id);
      after = `AND (o.placed_at, o.id) < ($2::timestamptz, $3::uuid)`;
    }
    params.push(limit + 1);
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT o.id FROM orders o WHERE ${filter} ${after} ORDER BY o.placed_at DESC, o.id DESC LIMIT $${params.length}`,
      params,
    );
    const pageIds = ids.slice(0, limit).map((r) => r.id);
    if (pageIds.length === 0) return { items: [], nextCursor: null };
    const orders = await this.dataSource.manager.find(Order, { where: { id: In(pageIds) } });
    const lines = await this.dataSource.manager.find(OrderLine, { where: { orderId: In(pageIds) } });
    const byId = new Map(orders.map((o) => [o.id, o]));
    const items = pageIds.map((id) => {
      const order = byId.get(id) as Order;
      const orderLines = lines.filter((l) => l.orderId === id);
      return onlyMerchant === undefined ? orderView(order, orderLines) : merchantOrderView(order, orderLines, onlyMerchant);
    });
    const last = byId.get(pageIds[pageIds.length - 1]) as Order;
    return { items, nextCursor: ids.length > limit ? encodeCursor({ placedAt: last.placedAt.toISOString(), id: last.id }) : null };
  }
}
