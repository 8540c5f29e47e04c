import { ProductLimits } from '@mogul/contracts';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

/** `/products/:id`: anything but a UUID is a 400 naming `id`. */
export class ProductIdParams {
  @IsUUID()
  id: string;
}

export class ProductSlugParams {
  @IsString()
  @IsNotEmpty()
  @MaxLength(ProductLimits.slugMaxLength)
  slug: string;
}
