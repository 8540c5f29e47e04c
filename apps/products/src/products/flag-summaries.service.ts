import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FlagLimits, FlagReason, FlagSummary } from '@mogul/contracts';
import { DataSource } from 'typeorm';
import { FlagText, summarizeFlags } from './flag-rules';
import { Product } from './product.entity';

/** Reads the open flags of designs as summaries for their creators and operators: counts and texts, never who flagged. */
@Injectable()
export class FlagSummaries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Each design's summary, in two statements for the whole page; designs without open flags need none. */
  async of(products: Product[]): Promise<Map<string, FlagSummary>> {
    const summaries = new Map<string, FlagSummary>();
    for (const product of products) if (product.openFlags === 0) summaries.set(product.id, summarizeFlags({}, [], product.hidden));
    const flagged = products.filter((p) => p.openFlags > 0);
    if (flagged.length === 0) return summaries;
    const ids = flagged.map((p) => p.id);
    const [counts, texts] = await Promise.all([
      this.dataSource.query<{ product_id: string; reason: FlagReason; count: number }[]>(
        `SELECT product_id, reason, count(*)::int AS count FROM product_flags
         WHERE product_id = ANY($1::uuid[]) AND status = 'open' GROUP BY product_id, reason`,
        [ids],
      ),
      this.dataSource.query<{ product_id: string; reason: FlagReason; text: string }[]>(
        `SELECT product_id, reason, text FROM (
           SELECT product_id, reason, text, flagged_at, flagger_id,
                  row_number() OVER (PARTITION BY product_id ORDER BY flagged_at DESC, flagger_id) AS n
           FROM product_flags WHERE product_id = ANY($1::uuid[]) AND status = 'open' AND text IS NOT NULL
         ) newest WHERE n <= $2 ORDER BY product_id, flagged_at DESC, flagger_id`,
        [ids, FlagLimits.textsShownMax],
      ),
    ]);
    for (const product of flagged) {
      const own = counts.filter((row) => row.product_id === product.id);
      const said: FlagText[] = texts.filter((row) => row.product_id === product.id).map(({ reason, text }) => ({ reason, text }));
      summaries.set(product.id, summarizeFlags(Object.fromEntries(own.map((row) => [row.reason, row.count])), said, product.hidden));
    }
    return summaries;
  }
}
