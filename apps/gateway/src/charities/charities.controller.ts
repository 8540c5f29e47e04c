import { Body, Controller, Get, Headers, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CharityListView, CharityStatementView, CharityView, STATEMENT_MONTH_PATTERN, StatementRequest } from '@mogul/contracts';
import { FastifyReply } from 'fastify';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { Roles } from '../auth/roles.decorator';
import { API_PREFIX } from '../http/api-prefix';
import { UuidParam } from '../http/uuid-param';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { StatementQuery } from '../payouts/dto/payout-queries.dto';
import { MonthParam } from '../payouts/params';
import { StatementCsvExport } from '../payouts/statement-csv.export';
import { CSV_MEDIA_TYPE, prefersCsv } from '../payouts/statement-format';
import { PayoutsClient } from '../services/payouts.client';
import { CreateCharityDto, UpdateCharityDto } from './dto/charity.dto';
import { CharityListResponse, CharityResponse, CharityStatementResponse } from './dto/charity.response';

/**
 * The charities creators may give part of their royalties to. Operators keep the list and read
 * each charity's statement; anyone signed in lists the active ones, to choose from.
 */
@ApiTags('charities')
@ApiBearerAuth(BEARER_SCHEME)
@Controller('charities')
export class CharitiesController {
  constructor(private readonly payouts: PayoutsClient) {}

  @Get()
  @ApiOperation({
    summary: 'Charities',
    description: 'Operators see every charity, active or not; anyone else signed in the active ones, which creators may choose.',
  })
  @ApiOkResponse({ type: CharityListResponse })
  @ApiProblems(401)
  list(@Caller() caller: GatewayCaller): Promise<CharityListView> {
    return this.payouts.charities(caller);
  }

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Add a charity', description: 'Operators only. Active at once. Names are unique, letter case aside (409).' })
  @ApiCreatedResponse({ type: CharityResponse })
  @ApiProblems(400, 401, 403, 409)
  create(@Body() body: CreateCharityDto, @Caller() caller: GatewayCaller): Promise<CharityView> {
    return this.payouts.createCharity(caller, body);
  }

  @Patch(':id')
  @Roles('operator')
  @ApiOperation({
    summary: 'Rename, activate or deactivate a charity',
    description:
      'Operators only. Deactivating stops new gifts at once: every creator giving to it has giving turned off from now on ' +
      '(royalties accrued before keep their gifts). What the charity holds is still paid to it by payout runs.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CharityResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@UuidParam('id') charityId: string, @Body() body: UpdateCharityDto, @Caller() caller: GatewayCaller): Promise<CharityView> {
    return this.payouts.updateCharity(caller, charityId, body);
  }

  @Get(':id/statements/:month')
  @Roles('operator')
  @ApiOperation({
    summary: 'A charity’s monthly statement',
    description:
      'Operators only. Like a creator’s statement: opening balance, every line of the month (donation raises pending, release ' +
      'moves it to available, donation_reversal takes a refunded gift back, payout and payout_returned), closing balance = ' +
      'opening + lines, per currency, cursor-paginated. With `Accept: text/csv`, the month as a CSV file (the creator ' +
      'statement’s columns), up to `limit` lines per currency; the rest in the `Link: rel="next"` URL of each currency.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'month', example: '2026-05', schema: { type: 'string', pattern: STATEMENT_MONTH_PATTERN.source } })
  @ApiProduces('application/json', CSV_MEDIA_TYPE)
  @ApiOkResponse({ type: CharityStatementResponse, description: 'JSON, or a CSV attachment when `Accept` prefers text/csv.' })
  @ApiProblems(400, 401, 403, 404)
  async statement(
    @UuidParam('id') charityId: string,
    @MonthParam('month') month: string,
    @Query() query: StatementQuery,
    @Headers('accept') accept: string | undefined,
    @Caller() caller: GatewayCaller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CharityStatementView | string> {
    reply.header('Vary', 'Accept');
    const request: StatementRequest = { month, ...query };
    if (!prefersCsv(accept)) return this.payouts.charityStatement(caller, { charityId, ...request });
    // The creator statement's export, reading the charity's pages.
    const pages = {
      statement: async (c: GatewayCaller, r: StatementRequest) => {
        const view = await this.payouts.charityStatement(c, { charityId, ...r });
        return { creatorId: view.charityId, month: view.month, currencies: view.currencies };
      },
    };
    const file = await new StatementCsvExport(pages).render(caller, request);
    reply.header('Content-Type', `${CSV_MEDIA_TYPE}; charset=utf-8`);
    reply.header(
      'Content-Disposition',
      `attachment; filename="mogul-charity-statement-${month}${query.currency ? `-${query.currency}` : ''}.csv"`,
    );
    if (file.next.length > 0) {
      const links = file.next.map(
        ({ currency, cursor }) =>
          `</${API_PREFIX}/charities/${charityId}/statements/${month}?${new URLSearchParams({ currency, cursor })}>; rel="next"`,
      );
      reply.header('Link', links.join(', '));
    }
    return file.csv;
  }
}
