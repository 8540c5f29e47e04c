import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CharityListView, CharityStatementView, CharityView } from '@mogul/contracts';
import { Actor, CurrentActor, INTERNAL_API_PREFIX, RequireRoles } from '@mogul/http';
import { StatementQuery } from '../creators/dto/queries';
import { CharitiesService } from './charities.service';
import { CharityParams, CharityStatementParams, CreateCharityBody, UpdateCharityBody } from './dto/charity.dto';

/** Charities: operators keep the list and read each one's statement; anyone signed in lists the active ones. */
@Controller(`${INTERNAL_API_PREFIX}/charities`)
export class CharitiesController {
  constructor(private readonly charities: CharitiesService) {}

  @Post()
  @RequireRoles('operator')
  create(@Body() body: CreateCharityBody, @CurrentActor() actor: Actor): Promise<CharityView> {
    return this.charities.create(actor, body);
  }

  @Patch(':id')
  @RequireRoles('operator')
  update(@Param() { id }: CharityParams, @Body() body: UpdateCharityBody, @CurrentActor() actor: Actor): Promise<CharityView> {
    return this.charities.update(actor, id, body);
  }

  @Get()
  list(@CurrentActor() actor: Actor): Promise<CharityListView> {
    return this.charities.list(actor);
  }

  @Get(':id/statements/:month')
  @RequireRoles('operator')
  statement(
    @Param() { id, month }: CharityStatementParams,
    @Query() query: StatementQuery,
    @CurrentActor() actor: Actor,
  ): Promise<CharityStatementView> {
    return this.charities.statement(actor, id, { month, ...query });
  }
}
