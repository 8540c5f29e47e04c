import { FlagReason, FlagStatus, FlagView } from '@mogul/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One user's report of one design. The primary key keeps it to one per user per design for good:
 * reporting again answers the first report, also after an operator decided on it.
 */
@Entity('product_flags')
export class ProductFlag {
  @PrimaryColumn('uuid')
  productId: string;

  @PrimaryColumn('uuid')
  flaggerId: string;

  @Column('text')
  reason: FlagReason;

  @Column('text', { nullable: true })
  text: string | null;

  @Column('text')
  status: FlagStatus;

  @Column('timestamptz')
  flaggedAt: Date;

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;

  static open(report: { productId: string; flaggerId: string; reason: FlagReason; text: string | null; at: Date }): ProductFlag {
    const flag = new ProductFlag();
    flag.productId = report.productId;
    flag.flaggerId = report.flaggerId;
    flag.reason = report.reason;
    flag.text = report.text;
    flag.status = 'open';
    flag.flaggedAt = report.at;
    flag.resolvedAt = null;
    return flag;
  }

  /** The flag as its author sees it; nobody else is shown who made it. */
  view(): FlagView {
    return {
      productId: this.productId,
      reason: this.reason,
      text: this.text,
      status: this.status,
      flaggedAt: this.flaggedAt.toISOString(),
    };
  }
}
