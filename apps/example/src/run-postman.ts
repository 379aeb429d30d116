import { runPostmanCollection } from './run-postman-collection';

/**
 * `pnpm --filter qontak-example postman`: runs the Postman collection with newman against a fresh
 * emulator. Exit 0 when every request ran and every assertion passed, 1 otherwise.
 */
try {
  const result = await runPostmanCollection();
  if (result.ok) {
    process.stdout.write(
      `Postman collection: ${result.items.total} requests, ${result.assertions.total} assertions, all passed.\n`,
    );
  } else {
    process.stderr.write(
      `Postman collection failed: ${result.items.total}/${result.expectedItems} requests ran, ` +
        `${result.requests.failed} request errors, ${result.assertions.failed} failed assertions, ${result.scripts.failed} script errors.\n`,
    );
    for (const failure of result.failures) process.stderr.write(`  - ${failure}\n`);
  }
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  process.stderr.write(
    `Could not run the Postman collection: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
