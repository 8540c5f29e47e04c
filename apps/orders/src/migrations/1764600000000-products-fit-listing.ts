import { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether a design still fits its listing, as products says, so that a refused line says why. */
export class ProductsFitListing1764600000000 implements MigrationInterface {
  name = 'ProductsFitListing1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE products ADD COLUMN fits_listing boolean NOT NULL DEFAULT true`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE products DROP COLUMN fits_listing`);
  }
}
