import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A key's stored answer is kept as the JSON text the checkout wrote (`json`), not as `jsonb`: it is
 * only ever read back whole, and parsing it into `jsonb` on every checkout cost the database CPU
 * for nothing.
 */
export class StoredAnswerJsonText1769400000000 implements MigrationInterface {
  name = 'StoredAnswerJsonText1769400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotency_keys ALTER COLUMN reply TYPE json USING reply::json`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotency_keys ALTER COLUMN reply TYPE jsonb USING reply::jsonb`);
  }
}
