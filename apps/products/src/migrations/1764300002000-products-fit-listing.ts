import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a design still fits its listing, so that an order for it can say why it is refused. A
 * published design that is not orderable on an active listing can only have stopped fitting it.
 */
export class ProductsFitListing1764300002000 implements MigrationInterface {
  name = 'ProductsFitListing1764300002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE products ADD COLUMN fits_listing boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`
      UPDATE products p SET fits_listing = false
      FROM listings l
      WHERE l.id = p.listing_id AND l.status = 'active' AND p.status = 'published' AND NOT p.orderable
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE products DROP COLUMN fits_listing`);
  }
}
