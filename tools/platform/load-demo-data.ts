import { loadDemoData } from './demo-data';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
loadDemoData(gateway, (line) => console.log(line)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
