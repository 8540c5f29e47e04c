import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One user's vote for one design; the primary key makes a second vote the same vote. */
@Entity('product_votes')
export class ProductVote {
  @PrimaryColumn('uuid')
  productId: string;

  @PrimaryColumn('uuid')
  voterId: string;

  @Column('timestamptz')
  votedAt: Date;
}
