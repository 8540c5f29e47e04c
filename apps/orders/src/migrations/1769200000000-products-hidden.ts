import { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether flags hide a design, as products says, so that a refused line says why. */
export class ProductsHidden1769200000000 implements MigrationInterface {
  name = 'ProductsHidden1769200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE products ADD COLUMN hidden boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE products DROP COLUMN hidden`);
  }
}
