import {
  BrowseListingsRequest,
  CreateListingRequest,
  ListingPage,
  ListingVersionCondition,
  ListingView,
  MyListingsRequest,
  UpdateListingRequest,
} from '@mogul/contracts';
import { GatewayCaller } from '../auth/caller.decorator';
import { ServiceClient } from './service-client';

/** A change of state a merchant makes to their own listing. */
export type ListingAction = 'publish' | 'pause' | 'resume' | 'retire';

const listingPath = (listingId: string) => `/internal/v1/listings/${encodeURIComponent(listingId)}`;

/** The listings service's internal API: the one place in the gateway that knows its paths. */
export class ListingsClient extends ServiceClient {
  browse(caller: GatewayCaller, query: BrowseListingsRequest): Promise<ListingPage> {
    return this.call(caller, { operation: 'listings.browse', method: 'GET', path: '/internal/v1/listings', query: { ...query } });
  }

  get(caller: GatewayCaller, listingId: string): Promise<ListingView> {
    return this.call(caller, { operation: 'listings.get', method: 'GET', path: listingPath(listingId) });
  }

  create(caller: GatewayCaller, body: CreateListingRequest): Promise<ListingView> {
    return this.call(caller, { operation: 'listings.create', method: 'POST', path: '/internal/v1/listings', body });
  }

  update(
    caller: GatewayCaller,
    listingId: string,
    changes: UpdateListingRequest,
    condition: ListingVersionCondition,
  ): Promise<ListingView> {
    return this.call(caller, {
      operation: 'listings.update',
      method: 'PATCH',
      path: listingPath(listingId),
      query: { ...condition },
      body: changes,
    });
  }

  act(caller: GatewayCaller, action: ListingAction, listingId: string, condition: ListingVersionCondition): Promise<ListingView> {
    return this.call(caller, {
      operation: `listings.${action}`,
      method: 'POST',
      path: `${listingPath(listingId)}/${action}`,
      query: { ...condition },
    });
  }

  mine(caller: GatewayCaller, query: MyListingsRequest): Promise<ListingPage> {
    return this.call(caller, {
      operation: 'listings.mine',
      method: 'GET',
      path: '/internal/v1/merchants/me/listings',
      query: { ...query },
    });
  }
}
