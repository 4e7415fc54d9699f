/**
 * A fake OpenAI-compatible chat server on 127.0.0.1 for tests of model adapters and
 * end-to-end agent runs. It answers `POST /v1/chat/completions` (and `/chat/completions`)
 * in JSON or, for `stream: true`, as server-sent events with content and tool-call
 * deltas, a usage chunk and `data: [DONE]`. Each test scripts the turns: replies with
 * text, tool calls and usage, or failures (an HTTP status with `Retry-After`, a slow
 * answer, a malformed body, a reset connection). A turn may be a function of the request,
 * so a test can react to what the agent sent. Every request is recorded. `GET /v1/models`
 * (the readiness probe) lists one model, or answers as {@link FakeOpenAIServer.modelsAnswer} says.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tool call the fake model makes; `arguments` as an object, or raw text (may be broken JSON). */
export interface FakeToolCall {
  readonly name: string;
  readonly arguments: string | Readonly<Record<string, unknown>>;
  readonly id?: string;
}

/** Token counts to report; `null` sends no usage at all. */
export type FakeUsage = { readonly inputTokens: number; readonly outputTokens: number } | null;

/** A successful answer. Without `usage`, counts are derived from the text lengths. */
export interface FakeReply {
  readonly text?: string;
  readonly toolCalls?: readonly FakeToolCall[];
  readonly usage?: FakeUsage;
  /** OpenAI's finish reason; `tool_calls` or `stop` unless set. */
  readonly finishReason?: string;
  /** Waits this long before answering (for timeouts). */
  readonly delayMs?: number;
}

/** A failure answer: an HTTP status with an OpenAI-style error body. */
export interface FakeFailure {
  readonly status: number;
  /** Sent as `Retry-After`: seconds, or an HTTP date as text. */
  readonly retryAfter?: number | string;
  readonly message?: string;
  readonly delayMs?: number;
}

/** A 200 answer whose body (or stream) is not valid JSON. */
export interface FakeMalformed {
  readonly malformed: true;
  readonly delayMs?: number;
}

/** The connection is dropped without an answer (a network error for the client). */
export interface FakeReset {
  readonly reset: true;
}

export type FakeTurn = FakeReply | FakeFailure | FakeMalformed | FakeReset;

/** The request body as the client sent it (an OpenAI chat completions request). */
export interface ChatRequestBody {
  readonly model?: string;
  readonly messages?: ReadonlyArray<Record<string, unknown>>;
  readonly tools?: ReadonlyArray<Record<string, unknown>>;
  readonly stream?: boolean;
  readonly [key: string]: unknown;
}

/** Chooses a turn from the request; `index` counts requests from 0. */
export type FakeResponder = (body: ChatRequestBody, index: number) => FakeTurn;

export interface RecordedChatRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: ChatRequestBody;
}

export interface FakeOpenAIServer {
  /** `http://127.0.0.1:<port>/v1`. */
  readonly baseUrl: string;
  readonly requests: RecordedChatRequest[];
  /** Queues turns, one per request, in order. */
  script(...turns: (FakeTurn | FakeResponder)[]): void;
  /** Answers every request after the scripted turns run out; `undefined` stops doing so. */
  respondWith(responder: FakeResponder | undefined): void;
  /** The headers of every `GET /models`. */
  readonly modelListRequests: IncomingMessage['headers'][];
  /** How `GET /models` answers from now on; `undefined` restores the model list. */
  modelsAnswer(answer: FakeModelsAnswer | undefined): void;
  close(): Promise<void>;
}

/** A scripted answer of `GET /models`: a failure, a reset, or the list after a delay. */
export type FakeModelsAnswer = FakeFailure | FakeReset | { readonly delayMs: number };

export interface FakeOpenAIServerOptions {
  /** When set, a request without `Authorization: Bearer <apiKey>` gets a 401 that echoes the key sent. */
  readonly apiKey?: string;
}

/** Starts the server on a free loopback port. */
export async function startFakeOpenAIServer(
  options: FakeOpenAIServerOptions = {},
): Promise<FakeOpenAIServer> {
  const requests: RecordedChatRequest[] = [];
  const queue: (FakeTurn | FakeResponder)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let fallback: FakeResponder | undefined;
  const modelListRequests: IncomingMessage['headers'][] = [];
  let modelsTurn: FakeModelsAnswer | undefined;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      if (request.method === 'GET' && /^(\/v1)?\/models$/.test(path)) {
        modelListRequests.push(request.headers);
        const authorization = request.headers.authorization ?? '';
        if (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`) {
          return sendError(response, 401, 'Incorrect API key provided');
        }
        const delayMs =
          modelsTurn !== undefined && 'delayMs' in modelsTurn ? modelsTurn.delayMs : 0;
        const timer = setTimeout(() => {
          timers.delete(timer);
          answerModels(request, response, modelsTurn);
        }, delayMs ?? 0);
        timers.add(timer);
        return;
      }
      if (request.method !== 'POST' || !/^(\/v1)?\/chat\/completions$/.test(path)) {
        return sendError(response, 404, `no route ${request.method} ${path}`);
      }
      let body: ChatRequestBody = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
      } catch {
        return sendError(response, 400, 'request body is not JSON');
      }
      const index = requests.length;
      requests.push({ path, headers: request.headers, body });
      const authorization = request.headers.authorization ?? '';
      if (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`) {
        const sent = authorization.replace(/^Bearer /, '');
        return sendError(response, 401, `Incorrect API key provided: ${sent}`);
      }
      const next = queue.shift() ?? fallback;
      if (next === undefined) {
        return sendError(response, 400, `fake server: no scripted turn left for request ${index}`);
      }
      const turn = typeof next === 'function' ? next(body, index) : next;
      const delayMs = 'delayMs' in turn ? (turn.delayMs ?? 0) : 0;
      if (delayMs <= 0) return answer(request, response, body, turn, index);
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer(request, response, body, turn, index);
      }, delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...turns) => void queue.push(...turns),
    respondWith: (responder) => {
      fallback = responder;
    },
    modelListRequests,
    modelsAnswer: (answer) => {
      modelsTurn = answer;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answerModels(
  request: IncomingMessage,
  response: ServerResponse,
  turn: FakeModelsAnswer | undefined,
): void {
  if (response.destroyed || request.socket.destroyed) return;
  if (turn !== undefined && 'reset' in turn) return void request.socket.destroy();
  if (turn !== undefined && 'status' in turn) {
    return sendError(response, turn.status, turn.message ?? `scripted ${turn.status}`);
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-coder', object: 'model' }] }));
}

function answer(
  request: IncomingMessage,
  response: ServerResponse,
  body: ChatRequestBody,
  turn: FakeTurn,
  index: number,
): void {
  if (response.destroyed || request.socket.destroyed) return;
  if ('reset' in turn) {
    request.socket.destroy();
    return;
  }
  if ('status' in turn) {
    const headers: Record<string, string> =
      turn.retryAfter === undefined ? {} : { 'retry-after': String(turn.retryAfter) };
    return sendError(response, turn.status, turn.message ?? `scripted ${turn.status}`, headers);
  }
  if ('malformed' in turn) {
    if (body.stream === true) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end('data: {"id": "chatcmpl-broken", "choices": [{"delta": \n\ndata: [DONE]\n\n');
    } else {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id": "chatcmpl-broken", "choices": [{"message": ');
    }
    return;
  }
  const reply = completeReply(turn, body, index);
  if (body.stream === true) return streamReply(response, body, reply);
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      id: reply.id,
      object: 'chat.completion',
      created: 1_700_000_000,
      model: body.model ?? 'fake',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: reply.text,
            ...(reply.toolCalls.length > 0 ? { tool_calls: reply.toolCalls } : {}),
          },
          finish_reason: reply.finishReason,
        },
      ],
      ...(reply.usage === null ? {} : { usage: reply.usage }),
    }),
  );
}

interface WireReply {
  readonly id: string;
  readonly text: string | null;
  readonly toolCalls: {
    id: string;
    type: 'function';
    function: { name: string; arguments: string };
  }[];
  readonly finishReason: string;
  readonly usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

function completeReply(turn: FakeReply, body: ChatRequestBody, index: number): WireReply {
  const toolCalls = (turn.toolCalls ?? []).map((call, position) => ({
    id: call.id ?? `call_${index}_${position}`,
    type: 'function' as const,
    function: {
      name: call.name,
      arguments:
        typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
  const text = turn.text ?? (toolCalls.length > 0 ? null : '');
  const outputLength =
    (text ?? '').length + toolCalls.reduce((sum, call) => sum + call.function.arguments.length, 0);
  const input =
    turn.usage?.inputTokens ?? Math.ceil(JSON.stringify(body.messages ?? []).length / 4);
  const output = turn.usage?.outputTokens ?? Math.ceil(outputLength / 4);
  return {
    id: `chatcmpl-${index}`,
    text,
    toolCalls,
    finishReason: turn.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage:
      turn.usage === null
        ? null
        : { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
  };
}

/** The reply as OpenAI streams it: role, content pieces, tool-call pieces, finish, usage. */
function streamReply(response: ServerResponse, body: ChatRequestBody, reply: WireReply): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (choices: unknown[], extra: Record<string, unknown> = {}): void => {
    const chunk = {
      id: reply.id,
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: body.model ?? 'fake',
      choices,
      ...extra,
    };
    response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  };
  const delta = (value: Record<string, unknown>, finishReason: string | null = null): void =>
    send([{ index: 0, delta: value, finish_reason: finishReason }]);

  delta({ role: 'assistant', content: '' });
  for (const piece of pieces(reply.text ?? '')) delta({ content: piece });
  reply.toolCalls.forEach((call, position) => {
    const [first = '', ...rest] = pieces(call.function.arguments);
    delta({
      tool_calls: [
        {
          index: position,
          id: call.id,
          type: 'function',
          function: { name: call.function.name, arguments: first },
        },
      ],
    });
    for (const piece of rest)
      delta({ tool_calls: [{ index: position, function: { arguments: piece } }] });
  });
  delta({}, reply.finishReason);
  const options = body.stream_options as { include_usage?: boolean } | undefined;
  if (reply.usage !== null && options?.include_usage === true) send([], { usage: reply.usage });
  response.end('data: [DONE]\n\n');
}

/** `text` cut into three roughly equal pieces (none when empty), to exercise delta joining. */
function pieces(text: string): string[] {
  if (text === '') return [];
  const size = Math.max(1, Math.ceil(text.length / 3));
  const result: string[] = [];
  for (let start = 0; start < text.length; start += size)
    result.push(text.slice(start, start + size));
  return result;
}

function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify({ error: { message, type: 'fake_error', code: status } }));
}
