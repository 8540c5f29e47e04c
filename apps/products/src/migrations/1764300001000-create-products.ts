import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProducts1764300001000 implements MigrationInterface {
  name = 'CreateProducts1764300001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES listings (id),
        merchant_id uuid NOT NULL,
        creator_id uuid NOT NULL,
        name text NOT NULL,
        description text NOT NULL,
        selections jsonb NOT NULL,
        royalty_amount bigint NOT NULL CHECK (royalty_amount >= 0),
        unit_price_amount bigint NOT NULL CHECK (unit_price_amount >= 0),
        currency text NOT NULL,
        status text NOT NULL,
        slug text NULL,
        orderable boolean NOT NULL DEFAULT false,
        votes integer NOT NULL DEFAULT 0 CHECK (votes >= 0),
        orders_count integer NOT NULL DEFAULT 0,
        units_ordered bigint NOT NULL DEFAULT 0,
        rejection_reason text NULL,
        parent_product_id uuid NULL REFERENCES products (id),
        parent_creator_id uuid NULL,
        root_product_id uuid NULL REFERENCES products (id),
        remix_depth integer NOT NULL DEFAULT 0,
        parent_share_bps integer NULL CHECK (parent_share_bps BETWEEN 0 AND 10000),
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        published_at timestamptz NULL,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
        ) STORED,
        CONSTRAINT ck_products_status CHECK (status IN ('draft', 'published', 'withdrawn', 'rejected')),
        CONSTRAINT ck_products_orderable_when_published CHECK (NOT orderable OR status = 'published'),
        CONSTRAINT ck_products_slug_once_published CHECK (status = 'draft' OR (slug IS NOT NULL AND published_at IS NOT NULL)),
        CONSTRAINT ck_products_remix_lineage CHECK (
          (parent_product_id IS NULL AND parent_creator_id IS NULL AND root_product_id IS NULL AND parent_share_bps IS NULL AND remix_depth = 0)
          OR (parent_product_id IS NOT NULL AND parent_creator_id IS NOT NULL AND root_product_id IS NOT NULL
              AND parent_share_bps IS NOT NULL AND remix_depth > 0)
        )
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_products_slug ON products (slug)`);
    // Browse ranks published designs only; one partial index per sort, ties broken by id.
    await queryRunner.query(`CREATE INDEX ix_products_newest ON products (published_at DESC, id DESC) WHERE status = 'published'`);
    await queryRunner.query(`CREATE INDEX ix_products_votes ON products (votes DESC, id DESC) WHERE status = 'published'`);
    await queryRunner.query(`CREATE INDEX ix_products_orders ON products (units_ordered DESC, id DESC) WHERE status = 'published'`);
    await queryRunner.query(`CREATE INDEX ix_products_listing_id ON products (listing_id)`);
    await queryRunner.query(`CREATE INDEX ix_products_creator_id ON products (creator_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX ix_products_search_vector ON products USING GIN (search_vector)`);

    await queryRunner.query(`
      CREATE TABLE product_votes (
        product_id uuid NOT NULL REFERENCES products (id),
        voter_id uuid NOT NULL,
        voted_at timestamptz NOT NULL,
        PRIMARY KEY (product_id, voter_id)
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE product_votes`);
    await queryRunner.query(`DROP TABLE products`);
  }
}
