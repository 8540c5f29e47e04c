import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRefreshTokens1764150001000 implements MigrationInterface {
  name = 'CreateRefreshTokens1764150001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz NULL,
        replaced_by_id uuid NULL,
        revoked_at timestamptz NULL
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_refresh_tokens_token_hash ON refresh_tokens (token_hash)`);
    await queryRunner.query(`CREATE INDEX ix_refresh_tokens_family_id ON refresh_tokens (family_id)`);
    await queryRunner.query(`CREATE INDEX ix_refresh_tokens_user_id ON refresh_tokens (user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE refresh_tokens`);
  }
}
