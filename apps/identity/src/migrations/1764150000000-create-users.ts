import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1764150000000 implements MigrationInterface {
  name = 'CreateUsers1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        roles text[] NOT NULL DEFAULT ARRAY['shopper']::text[],
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT ck_users_roles_known CHECK (roles <@ ARRAY['shopper', 'creator', 'merchant', 'operator']::text[])
      )
    `);
    // Emails are stored normalised, so a plain unique index is the whole uniqueness rule; it also
    // settles two registrations racing for one email.
    await queryRunner.query(`CREATE UNIQUE INDEX uq_users_email ON users (email)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE users`);
  }
}
