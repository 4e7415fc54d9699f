/**
 * A small fake of Anthropic's Messages API (`POST /v1/messages`, JSON only) on
 * 127.0.0.1, enough to check how the adapter maps our conversation onto Anthropic's
 * content blocks (tool_use, tool_result with is_error) and reads its answers back.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type AnthropicTurn =
  | {
      readonly text?: string;
      readonly toolUses?: readonly { readonly name: string; readonly input: unknown }[];
      readonly usage?: { readonly input: number; readonly output: number };
      readonly stopReason?: string;
    }
  | {
      readonly status: number;
      readonly errorType: string;
      readonly message: string;
      readonly retryAfter?: number;
    };

export interface RecordedAnthropicRequest {
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
}

export interface FakeAnthropicServer {
  /** `http://127.0.0.1:<port>/v1`. */
  readonly baseUrl: string;
  readonly requests: RecordedAnthropicRequest[];
  script(...turns: AnthropicTurn[]): void;
  close(): Promise<void>;
}

export async function startFakeAnthropicServer(): Promise<FakeAnthropicServer> {
  const requests: RecordedAnthropicRequest[] = [];
  const queue: AnthropicTurn[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const send = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(value));
      };
      const index = requests.length;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<
        string,
        unknown
      >;
      requests.push({ headers: request.headers, body });
      const turn = queue.shift();
      if (request.method !== 'POST' || request.url !== '/v1/messages' || turn === undefined) {
        const message = turn === undefined ? 'no scripted turn left' : `no route ${request.url}`;
        return send(400, { type: 'error', error: { type: 'invalid_request_error', message } });
      }
      if ('status' in turn) {
        const headers: Record<string, string> =
          turn.retryAfter === undefined ? {} : { 'retry-after': String(turn.retryAfter) };
        return send(
          turn.status,
          { type: 'error', error: { type: turn.errorType, message: turn.message } },
          headers,
        );
      }
      const content: unknown[] = [];
      if (turn.text !== undefined) content.push({ type: 'text', text: turn.text });
      (turn.toolUses ?? []).forEach((use, position) =>
        content.push({
          type: 'tool_use',
          id: `toolu_${index}_${position}`,
          name: use.name,
          input: use.input,
        }),
      );
      send(200, {
        id: `msg_${index}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content,
        stop_reason: turn.stopReason ?? (turn.toolUses ? 'tool_use' : 'end_turn'),
        stop_sequence: null,
        usage: { input_tokens: turn.usage?.input ?? 10, output_tokens: turn.usage?.output ?? 5 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...turns) => void queue.push(...turns),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
