import { infraDown } from '../infra';

export default async function globalTeardown(): Promise<void> {
  if (process.env.MOGUL_TEST_STARTED_KAFKA === '1') await infraDown((line) => process.stderr.write(`[infra] ${line}\n`));
}
