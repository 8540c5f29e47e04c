import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BrowseListingsRequest,
  CreateListingRequest,
  GetListingRequest,
  ListingPage,
  ListingsPatterns,
  ListingTransitionRequest,
  ListingView,
  MyListingsRequest,
  Reply,
  RequestMessage,
  UpdateListingRequest,
} from '@mogul/contracts';
import { answer, causeOf, validBody } from '@mogul/messaging';
import {
  BrowseListingsBody,
  CreateListingBody,
  GetListingBody,
  ListingTransitionBody,
  MyListingsBody,
  UpdateListingBody,
} from './dto/listing-requests.body';
import { ListingTransition } from './listing-status';
import { ListingService } from './listing.service';

/** Request–reply handlers for listings: validate, call the service, answer. */
@Controller()
export class ListingsController {
  constructor(private readonly listings: ListingService) {}

  @MessagePattern(ListingsPatterns.create)
  create(@Payload() message: RequestMessage<CreateListingRequest>): Promise<Reply<ListingView>> {
    return answer(async () => (await this.listings.create(await validBody(CreateListingBody, message), causeOf(message))).view());
  }

  @MessagePattern(ListingsPatterns.update)
  update(@Payload() message: RequestMessage<UpdateListingRequest>): Promise<Reply<ListingView>> {
    return answer(async () => (await this.listings.edit(await validBody(UpdateListingBody, message), causeOf(message))).view());
  }

  @MessagePattern(ListingsPatterns.publish)
  publish(@Payload() message: RequestMessage<ListingTransitionRequest>): Promise<Reply<ListingView>> {
    return this.transition('publish', message);
  }

  @MessagePattern(ListingsPatterns.pause)
  pause(@Payload() message: RequestMessage<ListingTransitionRequest>): Promise<Reply<ListingView>> {
    return this.transition('pause', message);
  }

  @MessagePattern(ListingsPatterns.resume)
  resume(@Payload() message: RequestMessage<ListingTransitionRequest>): Promise<Reply<ListingView>> {
    return this.transition('resume', message);
  }

  @MessagePattern(ListingsPatterns.retire)
  retire(@Payload() message: RequestMessage<ListingTransitionRequest>): Promise<Reply<ListingView>> {
    return this.transition('retire', message);
  }

  @MessagePattern(ListingsPatterns.get)
  get(@Payload() message: RequestMessage<GetListingRequest>): Promise<Reply<ListingView>> {
    return answer(async () => (await this.listings.get(await validBody(GetListingBody, message))).view());
  }

  @MessagePattern(ListingsPatterns.browse)
  browse(@Payload() message: RequestMessage<BrowseListingsRequest>): Promise<Reply<ListingPage>> {
    return answer(async () => this.listings.browse(await validBody(BrowseListingsBody, message)));
  }

  @MessagePattern(ListingsPatterns.mine)
  mine(@Payload() message: RequestMessage<MyListingsRequest>): Promise<Reply<ListingPage>> {
    return answer(async () => this.listings.mine(await validBody(MyListingsBody, message)));
  }

  private transition(transition: ListingTransition, message: RequestMessage<ListingTransitionRequest>): Promise<Reply<ListingView>> {
    return answer(async () =>
      (await this.listings.transition(transition, await validBody(ListingTransitionBody, message), causeOf(message))).view(),
    );
  }
}
