import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  EARNINGS_STREAM_EVENT,
  EarningsView,
  EVENT_STREAM_MEDIA_TYPE,
  LeaderboardView,
  STATEMENT_MONTH_PATTERN,
  StatementRequest,
  StatementView,
} from '@mogul/contracts';
import { FastifyReply } from 'fastify';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiAnonymous } from '../openapi/api-anonymous.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { PayoutsClient } from '../services/payouts.client';
import { LeaderboardQuery, StatementQuery } from './dto/payout-queries.dto';
import { EarningsResponse, LeaderboardResponse, StatementResponse } from './dto/payouts.response';
import { EventStreamRelay } from './event-stream.relay';
import { MonthParam } from './params';
import { CSV_MEDIA_TYPE, nextLinks, prefersCsv, statementFileName } from './statement-format';
import { CSV_MAX_LINES, StatementCsvExport } from './statement-csv.export';

/**
 * What creators earn. A creator only ever reads their own earnings and statements: the creator is
 * the caller's token, never a parameter. The leaderboard is public.
 */
@ApiTags('creators')
@Controller('creators')
export class CreatorEarningsController {
  constructor(
    private readonly payouts: PayoutsClient,
    private readonly csv: StatementCsvExport,
    private readonly relay: EventStreamRelay,
  ) {}

  @Get('me/earnings')
  @Roles('creator')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'My earnings',
    description:
      'Per currency: pending (earned, waiting for fulfilment and the hold period), available (paid by the next payout run; ' +
      'negative when a refund came after a payout), paid out, lifetime and this month’s totals, and your own purchases of your ' +
      'designs, which earn nothing.',
  })
  @ApiOkResponse({ type: EarningsResponse })
  @ApiProblems(401, 403)
  earnings(@Caller() caller: GatewayCaller): Promise<EarningsView> {
    return this.payouts.earnings(caller);
  }

  @Get('me/earnings/events')
  @Roles('creator')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'My earnings, live',
    description:
      'Server-sent events (`text/event-stream`) for as long as the connection stays open. Send the access token in ' +
      '`Authorization: Bearer …` (read the stream with `fetch`; `EventSource` cannot send the header). ' +
      `At once, and again within a second of every change to your earnings (a sale paid, a remix share, a refund, a ` +
      `release, a payout), an event \`${EARNINGS_STREAM_EVENT}\`: the lines \`event: ${EARNINGS_STREAM_EVENT}\` and ` +
      '`data: <JSON>`, then a blank line, where the JSON is what `GET /creators/me/earnings` answers (`EarningsResponse`). ' +
      'Each event holds the whole current view; replace what you show with it. Changes in quick succession may come as ' +
      'one event. Between events, comment lines (`: keep-alive`) come every 15 s. The stream may end (a deploy, ' +
      'an expired session): open it again, refreshing the token on a 401; the first event brings you up to date.',
  })
  @ApiProduces(EVENT_STREAM_MEDIA_TYPE)
  @ApiOkResponse({
    description: `A stream of \`${EARNINGS_STREAM_EVENT}\` events, each with an \`EarningsResponse\` as its data, and keep-alive comments.`,
    content: {
      [EVENT_STREAM_MEDIA_TYPE]: {
        schema: { type: 'string' },
        example: `event: ${EARNINGS_STREAM_EVENT}\ndata: {"creatorId":"3f0c…","currencies":[…]}\n\n: keep-alive\n\n`,
      },
    },
  })
  @ApiProblems(401, 403)
  async earningsEvents(@Caller() caller: GatewayCaller, @Res() reply: FastifyReply): Promise<void> {
    await this.relay.relay(reply, (signal) => this.payouts.earningsEvents(caller, signal));
  }

  @Get('me/statements/:month')
  @Roles('creator')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'My monthly statement',
    description:
      'Opening balance, every line of the month (accruals, remix shares, releases, reversals, payouts) with order and design, ' +
      'and closing balance = opening + lines, per currency. JSON is cursor-paginated per currency. ' +
      'With `Accept: text/csv` the answer is a CSV file of the month from `cursor`: up to `limit` lines per currency, or ' +
      `${CSV_MAX_LINES.toLocaleString('en')} when absent; lines beyond that are in the \`Link: rel="next"\` URL of each currency.`,
  })
  @ApiParam({
    name: 'month',
    description: 'A calendar month, UTC.',
    example: '2026-05',
    schema: { type: 'string', pattern: STATEMENT_MONTH_PATTERN.source },
  })
  @ApiProduces('application/json', CSV_MEDIA_TYPE)
  @ApiOkResponse({ type: StatementResponse, description: 'JSON, or a CSV attachment when `Accept` prefers text/csv.' })
  @ApiProblems(400, 401, 403)
  async statement(
    @MonthParam('month') month: string,
    @Query() query: StatementQuery,
    @Headers('accept') accept: string | undefined,
    @Caller() caller: GatewayCaller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StatementView | string> {
    // The same URL answers two representations: caches must key on Accept.
    reply.header('Vary', 'Accept');
    const request: StatementRequest = { month, ...query };
    if (!prefersCsv(accept)) return this.payouts.statement(caller, request);
    const file = await this.csv.render(caller, request);
    reply.header('Content-Type', `${CSV_MEDIA_TYPE}; charset=utf-8`);
    reply.header('Content-Disposition', `attachment; filename="${statementFileName(month, query.currency)}"`);
    if (file.next.length > 0) reply.header('Link', nextLinks(month, file.next));
    return file.csv;
  }

  @Get('leaderboard')
  @Public()
  @ApiAnonymous()
  @ApiOperation({
    summary: 'Top creators and designs',
    description:
      'Creators by net royalty earned in the period, designs by paid, unrefunded orders. Public by design, ' +
      'needing no token. It shows, for the top `limit` only: each ranked creator’s id, display name, net royalty earned ' +
      'in the period and paid orders; each ranked design’s id, name, creator id and display name, orders and units. ' +
      'A display name is null for a creator whose registration has not reached payouts yet. It shows no email ' +
      'address, balance, payout or order of anyone, and nothing about creators below the cut.',
  })
  @ApiOkResponse({ type: LeaderboardResponse })
  @ApiProblems(400)
  leaderboard(@Query() query: LeaderboardQuery, @Caller() caller: GatewayCaller): Promise<LeaderboardView> {
    return this.payouts.leaderboard(caller, query);
  }
}
