/** The messages of Qontak's error envelope `{ status: 'error', error: { messages } }`; `[]` for any other error. */
export function messagesOf(error: unknown): string[] {
  return typeof error === 'object' && error !== null && 'error' in error
    ? (error as { error: { messages: string[] } }).error.messages
    : [];
}
