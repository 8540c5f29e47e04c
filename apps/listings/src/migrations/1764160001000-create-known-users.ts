import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateKnownUsers1764160001000 implements MigrationInterface {
  name = 'CreateKnownUsers1764160001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE known_users (
        user_id uuid PRIMARY KEY,
        roles text[] NOT NULL,
        last_event_at timestamptz NULL,
        updated_at timestamptz NOT NULL
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE known_users`);
  }
}
