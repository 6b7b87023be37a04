import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { generateText } from 'ai';
import { createEmbedder } from '../src/ai/create-embedder.js';
import { createLanguageModel } from '../src/ai/language-model.js';
import { ConfigError } from '../src/errors.js';

interface Received {
  path: string;
  authorization: string | undefined;
  body: { model?: string };
}

/** A loopback stand-in for an OpenAI-compatible server: records each request, answers chat and embeddings. */
function fakeCompatibleServer(received: Received[]): http.Server {
  return http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({ path: request.url!, authorization: request.headers.authorization, body: JSON.parse(text) });
      const answer = request.url!.endsWith('/embeddings')
        ? { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [3, 0, 4] }], model: 'emb', usage: { prompt_tokens: 1, total_tokens: 1 } }
        : {
            id: 'c1',
            object: 'chat.completion',
            created: 0,
            model: 'tiny',
            choices: [{ index: 0, message: { role: 'assistant', content: 'pong' }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
}

describe('model strings, resolved through the AI SDK provider registry', () => {
  it('names the providers of openai:, anthropic: and openai-compatible: language models without calling anything', () => {
    const realFetch = globalThis.fetch;
    const calls: unknown[] = [];
    globalThis.fetch = async (...args) => {
      calls.push(args);
      throw new Error('no request may be sent while resolving a model');
    };
    try {
      const models = ['openai:gpt-4o-mini', 'anthropic:claude-sonnet-4-5', 'openai-compatible:http://127.0.0.1:9/v1#llama3'].map((spec) => createLanguageModel(spec, {}));
      assert.deepEqual(
        models.map((m) => typeof m === 'object' && [m.provider.split('.')[0], m.modelId]),
        [['openai', 'gpt-4o-mini'], ['anthropic', 'claude-sonnet-4-5'], ['openai-compatible', 'llama3']],
      );
      assert.deepEqual(calls, []);
    } finally {
      globalThis.fetch = realFetch;
    }
    assert.equal(createLanguageModel(undefined), undefined);
  });

  it('refuses an unknown or malformed model string, naming the variable and what it expects', async () => {
    assert.throws(() => createLanguageModel('gpt-4o', {}), (e: unknown) => e instanceof ConfigError && /^AGENT_MEM_LLM: unknown model "gpt-4o"; expected openai:<model> \| anthropic:<model> \| openai-compatible:<baseURL>#<model>$/.test(e.message));
    assert.throws(() => createLanguageModel('mistral:large', {}), /AGENT_MEM_LLM: unknown model "mistral:large"/);
    assert.throws(() => createLanguageModel('openai-compatible:localhost#m', {}), /AGENT_MEM_LLM: "openai-compatible:localhost#m" needs an http\(s\) base URL and a model/);
    assert.throws(() => createLanguageModel('openai-compatible:http://127.0.0.1:9/v1', {}), ConfigError);
    await assert.rejects(createEmbedder('anthropic:claude-sonnet-4-5', {}), /AGENT_MEM_EMBEDDINGS: unknown model "anthropic:claude-sonnet-4-5"; expected local \| openai:<model>/);
  });

  describe('openai-compatible models', () => {
    const received: Received[] = [];
    let server: http.Server;
    let baseURL: string;
    before(async () => {
      server = fakeCompatibleServer(received);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    });
    after(() => server.close());

    it('call their base URL with AGENT_MEM_LLM_API_KEY and AGENT_MEM_EMBEDDINGS_API_KEY', async () => {
      const env = { AGENT_MEM_LLM_API_KEY: 'llm-key', AGENT_MEM_EMBEDDINGS_API_KEY: 'embeddings-key', AGENT_MEM_EMBEDDINGS_DIMENSIONS: '3' };
      const { text } = await generateText({ model: createLanguageModel(`openai-compatible:${baseURL}#tiny`, env)!, prompt: 'ping' });
      assert.equal(text, 'pong');
      const embedder = await createEmbedder(`openai-compatible:${baseURL}#emb`, env);
      assert.deepEqual([...(await embedder.embed(['hello']))[0]!].map((v) => Math.round(v * 10) / 10), [0.6, 0, 0.8]);
      assert.equal(embedder.id, 'openai-compatible.embedding:emb');
      assert.deepEqual(
        received.map((r) => [r.path, r.authorization, r.body.model]),
        [
          ['/v1/chat/completions', 'Bearer llm-key', 'tiny'],
          ['/v1/embeddings', 'Bearer embeddings-key', 'emb'],
        ],
      );
    });
  });
});
