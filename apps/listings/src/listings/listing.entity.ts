import { ListingFields, ListingOptionGroupV1, ListingStateV1, ListingStatus, ListingView } from '@mogul/contracts';
import { minorUnits } from '@mogul/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ListingRulesError } from '../errors';
import { listingRuleProblems } from './listing-rules';
import { assertEditable, isPublic, ListingLifecycle, ListingTransition } from './listing-status';

export interface NewListing {
  id: string;
  merchantId: string;
  fields: ListingFields;
  at: Date;
}

/**
 * A merchant's base offer. Its methods guard the rules and the state machine and move `version`
 * on every change; storing a change is conditional on the version it was read at, so of two
 * concurrent edits one wins and the other is a conflict.
 *
 * All money is in the one `currency` column; option groups are stored whole as JSON because
 * they are only ever read and replaced with the listing.
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
  description: string;

  @Column('text')
  category: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('bigint', { transformer: minorUnits })
  basePrice: number;

  @Column('bigint', { transformer: minorUnits })
  royaltyMin: number;

  @Column('bigint', { transformer: minorUnits })
  royaltyMax: number;

  @Column('jsonb')
  optionGroups: ListingOptionGroupV1[];

  @Column('text')
  status: ListingStatus;

  @Column('integer')
  version: number;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;

  /** When it first became active; browse lists newest first by it. */
  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  /** A draft at version 1. Throws `ListingRulesError` when the fields break a rule. */
  static create(details: NewListing): Listing {
    assertValid(details.fields);
    const listing = new Listing();
    listing.id = details.id;
    listing.merchantId = details.merchantId;
    listing.write(details.fields);
    listing.status = 'draft';
    listing.version = 1;
    listing.createdAt = details.at;
    listing.updatedAt = details.at;
    listing.publishedAt = null;
    return listing;
  }

  isOwnedBy(userId: string | undefined): boolean {
    return userId !== undefined && userId === this.merchantId;
  }

  /** Anyone sees active and paused listings; drafts and retired ones only their merchant. */
  isVisibleTo(userId: string | undefined): boolean {
    return isPublic(this.status) || this.isOwnedBy(userId);
  }

  isPublic(): boolean {
    return isPublic(this.status);
  }

  fields(): ListingFields {
    return {
      title: this.title,
      description: this.description,
      category: this.category,
      basePrice: { amount: this.basePrice, currency: this.currency },
      optionGroups: structuredClone(this.optionGroups),
      royaltyPolicy: {
        min: { amount: this.royaltyMin, currency: this.currency },
        max: { amount: this.royaltyMax, currency: this.currency },
      },
    };
  }

  /**
   * Applies the changes over the current fields; a present `optionGroups` replaces them whole.
   * Answers false, changing nothing, when every field already had the given value. Throws
   * `ListingRetiredError` for a retired listing and `ListingRulesError` when the result breaks
   * a rule.
   */
  edit(changes: Partial<ListingFields>, at: Date): boolean {
    assertEditable(this.id, this.status);
    const current = this.fields();
    const next: ListingFields = { ...current, ...presentOnly(changes) };
    if (sameFields(current, next)) return false;
    assertValid(next);
    this.write(next);
    this.touch(at);
    return true;
  }

  /** Moves through the state machine; throws `ListingTransitionError` when the status forbids it. */
  transition(transition: ListingTransition, at: Date): void {
    this.status = ListingLifecycle.next(this.status, transition);
    if (transition === 'publish' && this.publishedAt === null) this.publishedAt = at;
    this.touch(at);
  }

  /** The full public state: the payload of every `listings.listing.*` event. */
  state(): ListingStateV1 {
    return {
      id: this.id,
      merchantId: this.merchantId,
      ...this.fields(),
      status: this.status,
      version: this.version,
      updatedAt: this.updatedAt.toISOString(),
    };
  }

  view(): ListingView {
    return {
      ...this.state(),
      createdAt: this.createdAt.toISOString(),
      publishedAt: this.publishedAt?.toISOString() ?? null,
    };
  }

  private write(fields: ListingFields): void {
    const copy = canonical(fields);
    this.title = copy.title;
    this.description = copy.description;
    this.category = copy.category;
    this.currency = copy.basePrice.currency;
    this.basePrice = copy.basePrice.amount;
    this.royaltyMin = copy.royaltyPolicy.min.amount;
    this.royaltyMax = copy.royaltyPolicy.max.amount;
    this.optionGroups = copy.optionGroups;
  }

  private touch(at: Date): void {
    this.version += 1;
    this.updatedAt = at;
  }
}

/** The changes that name a value: a property present but undefined changes nothing. */
function presentOnly(changes: Partial<ListingFields>): Partial<ListingFields> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

function assertValid(fields: ListingFields): void {
  const problems = listingRuleProblems(fields);
  if (problems.length > 0) throw new ListingRulesError(problems);
}

/** Field values compared as the wire sees them: property order and class identity do not matter. */
function sameFields(a: ListingFields, b: ListingFields): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** A plain copy with the contract's properties only, in the contract's order. */
function canonical(fields: ListingFields): ListingFields {
  return {
    title: fields.title,
    description: fields.description,
    category: fields.category,
    basePrice: { amount: fields.basePrice.amount, currency: fields.basePrice.currency },
    optionGroups: fields.optionGroups.map((group) => ({
      code: group.code,
      name: group.name,
      minSelections: group.minSelections,
      maxSelections: group.maxSelections,
      options: group.options.map((option) => ({
        code: option.code,
        name: option.name,
        priceDelta: { amount: option.priceDelta.amount, currency: option.priceDelta.currency },
      })),
    })),
    royaltyPolicy: {
      min: { amount: fields.royaltyPolicy.min.amount, currency: fields.royaltyPolicy.min.currency },
      max: { amount: fields.royaltyPolicy.max.amount, currency: fields.royaltyPolicy.max.currency },
    },
  };
}
