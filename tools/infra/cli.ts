import { InfraError, infraDown, infraSettings, infraStatus, infraUp } from './index';

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'up':
      // Before anything else connects: loading pg_stat_statements may restart PostgreSQL.
      await infraUp(console.log, infraSettings(), { loadStatementStatistics: true });
      return;
    case 'down':
      await infraDown();
      return;
    case 'status':
      console.log(await infraStatus());
      return;
    default:
      throw new InfraError('usage: infra up|down|status');
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof InfraError ? `infra: ${error.message}` : error);
  process.exit(1);
});
