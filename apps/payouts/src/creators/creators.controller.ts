import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { EarningsView, LeaderboardView, StatementView } from '@mogul/contracts';
import { Actor, CurrentActor, INTERNAL_API_PREFIX, RequireRoles } from '@mogul/http';
import { FastifyReply } from 'fastify';
import { creatorOf } from './creator-actor';
import { LeaderboardQuery, StatementMonthParams, StatementQuery } from './dto/queries';
import { CreatorEarningsService } from './creator-earnings.service';
import { LeaderboardService } from './leaderboard.service';
import { EarningsStreams } from './live/earnings-streams';
import { StatementsService } from './statements.service';

/**
 * What creators earned, as the gateway asks for it. The creator is always the caller's token,
 * never a parameter, so "me" routes are the only way to read earnings and statements.
 */
@Controller(`${INTERNAL_API_PREFIX}/creators`)
export class CreatorsController {
  constructor(
    private readonly earningsOf: CreatorEarningsService,
    private readonly statements: StatementsService,
    private readonly board: LeaderboardService,
    private readonly live: EarningsStreams,
  ) {}

  @Get('me/earnings')
  @RequireRoles('creator')
  earnings(@CurrentActor() actor: Actor): Promise<EarningsView> {
    return this.earningsOf.earnings(actor);
  }

  /** Server-sent events: the earnings now, then after every change to them, until the caller goes away. */
  @Get('me/earnings/events')
  @RequireRoles('creator')
  earningsEvents(@CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    return this.live.stream(creatorOf(actor), reply);
  }

  /** One page per currency; the gateway gathers pages into a CSV file. */
  @Get('me/statements/:month')
  @RequireRoles('creator')
  statement(
    @Param() { month }: StatementMonthParams,
    @Query() query: StatementQuery,
    @CurrentActor() actor: Actor,
  ): Promise<StatementView> {
    return this.statements.statement(actor, { month, ...query });
  }

  /** Open to anyone: the gateway calls it with its own token for visitors. */
  @Get('leaderboard')
  leaderboard(@Query() query: LeaderboardQuery): Promise<LeaderboardView> {
    return this.board.leaderboard(query);
  }
}
