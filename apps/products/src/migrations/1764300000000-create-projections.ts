import { MigrationInterface, QueryRunner } from 'typeorm';

/** Products' own copies of other services' data, kept from their events. */
export class CreateProjections1764300000000 implements MigrationInterface {
  name = 'CreateProjections1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE listings (
        id uuid PRIMARY KEY,
        merchant_id uuid NOT NULL,
        title text NOT NULL,
        category text NOT NULL,
        status text NOT NULL,
        base_price_amount bigint NOT NULL,
        currency text NOT NULL,
        option_groups jsonb NOT NULL,
        royalty_policy jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )
    `);
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        display_name text NOT NULL,
        roles text[] NOT NULL,
        updated_at timestamptz NOT NULL
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE users`);
    await queryRunner.query(`DROP TABLE listings`);
  }
}
