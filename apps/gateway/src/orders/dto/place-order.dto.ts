import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OrderLimits } from '@mogul/contracts';
import { Required } from '../../problem/required.decorator';

export class OrderLineDto {
  @ApiProperty({ format: 'uuid', description: 'A published design.' })
  @IsUUID('all', { message: 'productId must be a UUID' })
  @Required()
  productId!: string;

  @ApiProperty({ type: 'integer', minimum: OrderLimits.quantityMin, maximum: OrderLimits.quantityMax, example: 2 })
  @Max(OrderLimits.quantityMax)
  @Min(OrderLimits.quantityMin)
  @IsInt({ message: 'quantity must be an integer' })
  @Required()
  quantity!: number;
}

export class PlaceOrderDto {
  @ApiProperty({ type: [OrderLineDto], minItems: OrderLimits.linesMin, maxItems: OrderLimits.linesMax })
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  @ArrayMaxSize(OrderLimits.linesMax)
  @ArrayMinSize(OrderLimits.linesMin, { message: 'lines must have at least one line' })
  @IsArray()
  @Required()
  lines!: OrderLineDto[];

  @ApiProperty({
    description:
      'A payment token. The built-in simulator takes `tok_success`, `tok_decline`, `tok_transient_then_success` ' +
      '(fails once, then succeeds on retry) and `tok_transient` (keeps failing; the order ends payment_failed).',
    example: 'tok_success',
    minLength: 1,
    maxLength: OrderLimits.paymentTokenMaxLength,
  })
  @MaxLength(OrderLimits.paymentTokenMaxLength)
  @MinLength(1)
  @IsString()
  @Required()
  paymentToken!: string;
}

export class RefundOrderDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    minItems: 1,
    uniqueItems: true,
    description: 'The lines to refund; every line not yet refunded when absent.',
  })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'each of lineIds must be a UUID' })
  @ArrayUnique()
  @ArrayMinSize(1)
  @IsArray()
  lineIds?: string[];
}

export class OrderPageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: OrderLimits.pageSizeMax, default: OrderLimits.pageSizeDefault })
  @IsOptional()
  @Type(() => Number)
  @Max(OrderLimits.pageSizeMax)
  @Min(1)
  @IsInt({ message: 'limit must be an integer' })
  limit?: number;

  @ApiPropertyOptional({ maxLength: OrderLimits.cursorMaxLength, description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @MaxLength(OrderLimits.cursorMaxLength)
  @IsString()
  cursor?: string;
}
