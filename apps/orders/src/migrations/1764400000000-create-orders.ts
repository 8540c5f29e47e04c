import { MigrationInterface, QueryRunner } from 'typeorm';

/** The product projection, orders with their line snapshots, and the idempotency keys of checkout. */
export class CreateOrders1764400000000 implements MigrationInterface {
  name = 'CreateOrders1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY,
        listing_id uuid NOT NULL,
        merchant_id uuid NOT NULL,
        creator_id uuid NOT NULL,
        name text NOT NULL,
        status text NOT NULL,
        orderable boolean NOT NULL,
        unit_price_amount bigint NOT NULL,
        royalty_amount bigint NOT NULL,
        currency text NOT NULL,
        parent_creator_id uuid,
        parent_share_bps integer,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )
    `);
    await queryRunner.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        shopper_id uuid NOT NULL,
        idempotency_key text NOT NULL,
        status text NOT NULL,
        currency text NOT NULL,
        total_amount bigint NOT NULL,
        refunded_amount bigint NOT NULL DEFAULT 0,
        payment_id text,
        payment_failure text,
        version integer NOT NULL,
        placed_at timestamptz NOT NULL,
        paid_at timestamptz,
        fulfilled_at timestamptz,
        cancelled_at timestamptz,
        updated_at timestamptz NOT NULL,
        UNIQUE (shopper_id, idempotency_key)
      )
    `);
    await queryRunner.query(`CREATE INDEX orders_shopper_newest ON orders (shopper_id, placed_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE order_lines (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        position integer NOT NULL,
        product_id uuid NOT NULL,
        product_name text NOT NULL,
        listing_id uuid NOT NULL,
        merchant_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
        unit_price_amount bigint NOT NULL,
        royalty_amount bigint NOT NULL,
        currency text NOT NULL,
        creator_id uuid NOT NULL,
        parent_creator_id uuid,
        parent_share_bps integer,
        refunded_at timestamptz,
        UNIQUE (order_id, position)
      )
    `);
    await queryRunner.query(`CREATE INDEX order_lines_merchant ON order_lines (merchant_id, order_id)`);
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        shopper_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        reply jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (shopper_id, key)
      )
    `);
    await queryRunner.query(`CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
    await queryRunner.query(`DROP TABLE order_lines`);
    await queryRunner.query(`DROP TABLE orders`);
    await queryRunner.query(`DROP TABLE products`);
  }
}
