/** Money is integer minor units with an ISO 4217 code, everywhere: never floats. */
export interface Money {
  amount: number;
  currency: string;
}
