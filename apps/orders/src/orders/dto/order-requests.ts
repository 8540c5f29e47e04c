import { ListOrdersRequest, OrderLimits, OrderLineRequest, PlaceOrderRequest, RefundOrderRequest } from '@mogul/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class OrderLineBody implements OrderLineRequest {
  @IsUUID()
  productId: string;

  @IsInt()
  @Min(OrderLimits.quantityMin)
  @Max(OrderLimits.quantityMax)
  quantity: number;
}

export class PlaceOrderBody implements PlaceOrderRequest {
  @IsArray()
  @ArrayMinSize(OrderLimits.linesMin)
  @ArrayMaxSize(OrderLimits.linesMax)
  @ValidateNested({ each: true })
  @Type(() => OrderLineBody)
  lines: OrderLineBody[];

  @IsString()
  @IsNotEmpty()
  @MaxLength(OrderLimits.paymentTokenMaxLength)
  paymentToken: string;
}

export class RefundOrderBody implements RefundOrderRequest {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  lineIds?: string[];
}

export class OrderPageQuery implements ListOrdersRequest {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(OrderLimits.pageSizeMax)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(OrderLimits.cursorMaxLength)
  cursor?: string;
}

export class OrderIdParams {
  @IsUUID()
  id: string;
}
