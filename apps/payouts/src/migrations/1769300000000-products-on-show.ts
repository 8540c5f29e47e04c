import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a design may be shown on the leaderboard: not while it is hidden by its reports or after
 * an operator rejected it. Designs heard of before this are shown until their next event says otherwise.
 */
export class ProductsOnShow1769300000000 implements MigrationInterface {
  name = 'ProductsOnShow1769300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE products ADD COLUMN on_show boolean NOT NULL DEFAULT true`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE products DROP COLUMN on_show`);
  }
}
