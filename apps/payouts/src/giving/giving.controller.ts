import { Body, Controller, Get, Put } from '@nestjs/common';
import { GivingView } from '@mogul/contracts';
import { Actor, CurrentActor, INTERNAL_API_PREFIX, RequireRoles } from '@mogul/http';
import { GivingBody } from '../charities/dto/charity.dto';
import { GivingService } from './giving.service';

/** The caller's own giving: the creator is always the token's subject. */
@Controller(`${INTERNAL_API_PREFIX}/creators/me/giving`)
@RequireRoles('creator')
export class GivingController {
  constructor(private readonly giving: GivingService) {}

  @Get()
  current(@CurrentActor() actor: Actor): Promise<GivingView> {
    return this.giving.current(actor);
  }

  @Put()
  set(@Body() body: GivingBody, @CurrentActor() actor: Actor): Promise<GivingView> {
    return this.giving.set(actor, body);
  }
}
