import { ListingOptionGroupV1, ListingStateV1, ListingStatus, RoyaltyPolicyV1 } from '@mogul/contracts';
import { minorUnits } from '@mogul/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ListingTerms } from '../products/pricing';

/**
 * Products' projection of a merchant's listing, kept from `listings.listing.*` events: what a
 * design is checked and priced against. Never written by requests.
 */
@Entity('listings')
export class Listing {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  merchantId: string;

  @Column('text')
  title: string;

  @Column('text')
  category: string;

  @Column('text')
  status: ListingStatus;

  @Column('bigint', { transformer: minorUnits })
  basePriceAmount: number;

  @Column('text')
  currency: string;

  @Column('jsonb')
  optionGroups: ListingOptionGroupV1[];

  @Column('jsonb')
  royaltyPolicy: RoyaltyPolicyV1;

  /** The listing's own version: an event carrying an older one is ignored. */
  @Column('integer')
  version: number;

  @Column('timestamptz')
  updatedAt: Date;

  static fromState(state: ListingStateV1): Listing {
    const listing = new Listing();
    listing.id = state.id;
    listing.merchantId = state.merchantId;
    listing.title = state.title;
    listing.category = state.category;
    listing.status = state.status;
    listing.basePriceAmount = state.basePrice.amount;
    listing.currency = state.basePrice.currency;
    listing.optionGroups = state.optionGroups;
    listing.royaltyPolicy = state.royaltyPolicy;
    listing.version = state.version;
    listing.updatedAt = new Date(state.updatedAt);
    return listing;
  }

  /** Designs are made, published and ordered only while the listing is active. */
  isActive(): boolean {
    return this.status === 'active';
  }

  terms(): ListingTerms {
    return {
      basePrice: { amount: this.basePriceAmount, currency: this.currency },
      optionGroups: this.optionGroups,
      royaltyPolicy: this.royaltyPolicy,
    };
  }
}
