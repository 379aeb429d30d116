import { CONTROL_PATH_PREFIX } from './dispatch';

/** What `qontak-emulator inbound` sends: a customer message to the emulator at `url`. */
export interface InboundCommand {
  /** The emulator's base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  from: string;
  text: string;
  name?: string;
  channelIntegrationId?: string;
  /** Wait for the delivery's outcome. */
  wait: boolean;
}

/** The longest the command waits for the emulator's answer (a delivery with its retries, with `wait`). */
const ANSWER_TIMEOUT_MS = 120_000;

/** The most bytes of the emulator's answer the command reads. */
const MAX_ANSWER_BYTES = 1024 * 1024;

async function answerText(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await reader?.read();
    if (next === undefined || next.done) break;
    size += next.value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader?.cancel();
      break;
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `qontak-emulator inbound`: POSTs the customer message to the control API of the emulator at
 * `command.url` (`POST /_emulator/inbound`, started with `--control-api`) and prints its answer, one line
 * of JSON. Resolves with the exit code: 0 when the emulator took the message (and, with `wait`, the
 * event was delivered), 1 otherwise (the answer or the failure on stderr).
 */
export async function runInbound(command: InboundCommand): Promise<number> {
  const { url, wait, ...message } = command;
  let response: Response;
  try {
    response = await fetch(`${url.replace(/\/+$/, '')}${CONTROL_PATH_PREFIX}/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...message, wait }),
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
  } catch (error) {
    const reason =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    process.stderr.write(`qontak-emulator inbound: could not reach ${url}: ${reason}\n`);
    return 1;
  }
  const text = await answerText(response);
  if (response.status !== 201) {
    process.stderr.write(`qontak-emulator inbound: the emulator answered ${response.status}: ${text}\n`);
    return 1;
  }
  process.stdout.write(`${text}\n`);
  if (!wait) return 0;
  const result = (JSON.parse(text) as { delivery?: { result?: unknown } }).delivery?.result;
  return result === 'delivered' ? 0 : 1;
}
