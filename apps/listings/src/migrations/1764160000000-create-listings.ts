import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateListings1764160000000 implements MigrationInterface {
  name = 'CreateListings1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE listings (
        id uuid PRIMARY KEY,
        merchant_id uuid NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        category text NOT NULL,
        currency char(3) NOT NULL,
        base_price bigint NOT NULL,
        royalty_min bigint NOT NULL,
        royalty_max bigint NOT NULL,
        option_groups jsonb NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        published_at timestamptz NULL,
        CONSTRAINT ck_listings_status CHECK (status IN ('draft', 'active', 'paused', 'retired')),
        CONSTRAINT ck_listings_amounts CHECK (base_price >= 0 AND royalty_min >= 0 AND royalty_max >= royalty_min),
        CONSTRAINT ck_listings_version CHECK (version >= 1),
        CONSTRAINT ck_listings_published CHECK (status = 'draft' OR status = 'retired' OR published_at IS NOT NULL)
      )
    `);
    // Browse: active listings newest first, and the same within a category.
    await queryRunner.query(`CREATE INDEX ix_listings_active_published ON listings (published_at DESC, id DESC) WHERE status = 'active'`);
    await queryRunner.query(
      `CREATE INDEX ix_listings_active_category ON listings (lower(category), published_at DESC, id DESC) WHERE status = 'active'`,
    );
    // A merchant's own listings, newest first.
    await queryRunner.query(`CREATE INDEX ix_listings_merchant_created ON listings (merchant_id, created_at DESC, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE listings`);
  }
}
