// `pnpm chatbot`: one customer message in by webhook, one bot answer out, printed.
import { runChatbot } from './run-chatbot';

try {
  const { customer, roomId, reply, deliveryStatuses } = await runChatbot();
  console.log(`Qontak chatbot on the embedded emulator (room ${roomId})`);
  console.log(`  ${customer.name} (+${customer.from}): ${customer.text}`);
  console.log(`  bot: ${reply}`);
  console.log(
    `  webhook delivered in ${deliveryStatuses.length} attempt(s): HTTP ${deliveryStatuses.join(', ')}`,
  );
} catch (error) {
  console.error(`pnpm chatbot: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
