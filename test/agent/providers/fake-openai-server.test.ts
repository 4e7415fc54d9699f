import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../support/fake-openai-server.js';

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(async () => {
  await server.close();
});

const origin = (): string => server.baseUrl.replace(/\/v1$/, '');
const post = (path: string, body: string): Promise<Response> =>
  fetch(`${origin()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

describe('fake OpenAI server', () => {
  it('answers on /chat/completions too, and passes the request index to responders', async () => {
    server.script((body, index) => ({ text: `${body.model} #${index}` }));
    const response = await post('/chat/completions', JSON.stringify({ model: 'm', messages: [] }));
    const json = (await response.json()) as {
      choices: { message: { content: string } }[];
      usage: unknown;
    };
    expect(json.choices[0]?.message.content).toBe(`m #${server.requests.length - 1}`);
    expect(json.usage).toMatchObject({ prompt_tokens: 1, completion_tokens: expect.any(Number) });
    expect(server.requests.at(-1)?.path).toBe('/chat/completions');
  });

  it('refuses unknown routes, bodies that are not JSON and requests with no turn left', async () => {
    expect((await post('/v1/embeddings', '{}')).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/chat/completions`)).status).toBe(404);
    expect((await post('/v1/chat/completions', '{nope')).status).toBe(400);
    const empty = await post('/v1/chat/completions', '{}');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('no scripted turn left');
  });

  it('streams a reply with tool-call deltas, finish reason and no usage unless asked', async () => {
    server.script({ toolCalls: [{ name: 'read', arguments: { path: 'a' } }] });
    const text = await (
      await post('/v1/chat/completions', JSON.stringify({ stream: true, messages: [] }))
    ).text();
    const events = text.trim().split('\n\n');
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map(
      (event) =>
        JSON.parse(event.slice('data: '.length)) as {
          choices: { finish_reason: string | null }[];
        },
    );
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(text).toContain('"name":"read"');
    expect(text).not.toContain('prompt_tokens');
  });

  it('sends Retry-After dates as given', async () => {
    server.script({ status: 503, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' });
    const response = await post('/v1/chat/completions', '{}');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
  });
});
