import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports of designs (flags), one per user per design for good, and on each design its count of
 * open flags and whether they hide it. The moderation queue ranks designs with open flags, most
 * flagged first.
 */
export class ProductFlags1769200000000 implements MigrationInterface {
  name = 'ProductFlags1769200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE products ADD COLUMN open_flags integer NOT NULL DEFAULT 0 CHECK (open_flags >= 0)`);
    await queryRunner.query(`ALTER TABLE products ADD COLUMN hidden boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE products ADD CONSTRAINT ck_products_orderable_not_hidden CHECK (NOT (orderable AND hidden))`);
    await queryRunner.query(`CREATE INDEX ix_products_moderation ON products (open_flags DESC, id DESC) WHERE open_flags > 0`);
    await queryRunner.query(`
      CREATE TABLE product_flags (
        product_id uuid NOT NULL REFERENCES products (id),
        flagger_id uuid NOT NULL,
        reason text NOT NULL,
        text text NULL CHECK (char_length(text) <= 500),
        status text NOT NULL DEFAULT 'open',
        flagged_at timestamptz NOT NULL,
        resolved_at timestamptz NULL,
        PRIMARY KEY (product_id, flagger_id),
        CONSTRAINT ck_product_flags_reason CHECK (reason IN ('offensive', 'copyright', 'spam', 'other')),
        CONSTRAINT ck_product_flags_other_has_text CHECK (reason <> 'other' OR text IS NOT NULL),
        CONSTRAINT ck_product_flags_status CHECK (status IN ('open', 'dismissed', 'upheld')),
        CONSTRAINT ck_product_flags_resolved CHECK ((status = 'open') = (resolved_at IS NULL))
      )
    `);
    await queryRunner.query(`CREATE INDEX ix_product_flags_open ON product_flags (product_id, flagged_at DESC) WHERE status = 'open'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE product_flags`);
    await queryRunner.query(`DROP INDEX ix_products_moderation`);
    await queryRunner.query(`ALTER TABLE products DROP CONSTRAINT ck_products_orderable_not_hidden`);
    await queryRunner.query(`ALTER TABLE products DROP COLUMN hidden`);
    await queryRunner.query(`ALTER TABLE products DROP COLUMN open_flags`);
  }
}
