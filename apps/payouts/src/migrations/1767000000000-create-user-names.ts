import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payouts' projection of users' display names, from `identity.user.registered`: what the
 * leaderboard shows beside each creator. Every user is kept, since any of them may become a creator.
 */
export class CreateUserNames1767000000000 implements MigrationInterface {
  name = 'CreateUserNames1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE user_names (
        user_id uuid PRIMARY KEY,
        display_name text NOT NULL,
        registered_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE user_names`);
  }
}
