import 'reflect-metadata';
import { describeViolation, takeViolations } from './openapi/conformance';

jest.setTimeout(60000);

// A watched gateway (see ConformanceWatch) that answered against its own OpenAPI document fails the test.
afterEach(() => {
  const violations = takeViolations();
  if (violations.length > 0) {
    throw new Error(`answers that the OpenAPI document does not describe:\n  ${violations.map(describeViolation).join('\n  ')}`);
  }
});
