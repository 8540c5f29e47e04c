import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A checkout's order id is chosen when its idempotency key is claimed, so that the payment is
 * taken under that id before the order is written, and a retry of an abandoned claim pays (and
 * writes) under the same id rather than a second one.
 */
export class CheckoutOrderIds1764500000000 implements MigrationInterface {
  name = 'CheckoutOrderIds1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotency_keys ADD COLUMN order_id uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotency_keys DROP COLUMN order_id`);
  }
}
