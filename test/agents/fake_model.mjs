// A fake model on 127.0.0.1 that speaks the four APIs the agent CLIs use: Anthropic Messages,
// OpenAI Chat Completions and Responses, and Gemini generateContent / streamGenerateContent,
// each streamed (SSE) or not. Per run it is told one intent (run a shell command, read a file,
// call an MCP tool): on the agent's first turn it answers with that tool call, written for
// whichever of the agent's offered tools fits; once the request carries a tool result, it says
// "done" (a `sequence` intent makes its steps' calls one per turn, then says "done"). Every request is kept, so the suite can ask what reached the model. A request it does
// not understand is answered 400 and recorded as a protocol mismatch, with what the CLI sent.
import http from 'node:http';

const SHELL_TOOLS = ['Bash', 'run_shell_command', 'shell', 'exec_command', 'shell_command', 'bash', 'run_commands', 'execute_command', 'local_shell'];
const READ_TOOLS = ['Read', 'read_file', 'view', 'read_files', 'ReadFile'];

/** Tools offered in a request, as [{name, schema}] whatever the API. */
function offeredTools(api, body) {
  const out = [];
  for (const t of body.tools ?? []) {
    if (api === 'anthropic') out.push({ name: t.name, schema: t.input_schema });
    else if (api === 'chat') out.push({ name: t.function?.name ?? t.name, schema: t.function?.parameters ?? t.parameters });
    else if (api === 'responses') {
      // Codex groups an MCP server's tools in a namespace: the call names the tool and its namespace.
      if (t.type === 'namespace') for (const c of t.tools ?? []) out.push({ name: `${t.name}__${c.name}`, schema: c.parameters, namespace: t.name, child: c.name });
      else out.push({ name: t.name ?? t.type, schema: t.parameters, type: t.type });
    }
    else if (api === 'gemini') for (const f of t.functionDeclarations ?? []) out.push({ name: f.name, schema: f.parameters ?? f.parametersJsonSchema });
  }
  return out;
}

function props(schema) {
  return schema && typeof schema === 'object' ? schema.properties ?? {} : {};
}

function typeOf(p) {
  const t = p?.type;
  return Array.isArray(t) ? t.find((x) => x !== 'null') : typeof t === 'string' ? t.toLowerCase() : undefined;
}

/** Fill the required fields the intent does not set, so the agent's own validation passes. */
function fillRequired(schema, args) {
  const p = props(schema);
  for (const k of schema?.required ?? []) {
    if (k in args) continue;
    const t = typeOf(p[k]);
    if (t === 'string') args[k] = p[k].enum?.[0] ?? 'airlock conformance test';
    else if (t === 'boolean') args[k] = false;
    else if (t === 'array') args[k] = [];
  }
  return args;
}

/** The tool call that carries out the intent with one of the offered tools, or an error. */
export function planToolCall(intent, tools) {
  const byName = (names) => names.map((n) => tools.find((t) => t.name === n)).find(Boolean);
  if (intent.intent === 'shell') {
    const t = byName(SHELL_TOOLS);
    if (!t) return { error: `no shell tool among: ${tools.map((x) => x.name).join(', ')}` };
    const p = props(t.schema);
    if (t.name === 'run_commands' || p.commands) return { name: t.name, args: fillRequired(t.schema, { commands: [intent.command] }) };
    if (p.cmd) return { name: t.name, args: fillRequired(t.schema, { cmd: intent.command }) };
    if (typeOf(p.command) === 'array') return { name: t.name, args: fillRequired(t.schema, { command: ['bash', '-lc', intent.command] }) };
    return { name: t.name, args: fillRequired(t.schema, { command: intent.command }) };
  }
  if (intent.intent === 'read') {
    const t = byName(READ_TOOLS);
    if (!t) return { error: `no file-read tool among: ${tools.map((x) => x.name).join(', ')}` };
    const p = props(t.schema);
    const abs = intent.absolutePath;
    if (p.files) return { name: t.name, args: fillRequired(t.schema, { files: [{ path: abs }] }) };
    for (const k of ['file_path', 'absolute_path', 'path', 'filePath']) if (p[k]) return { name: t.name, args: fillRequired(t.schema, { [k]: abs }) };
    return { name: t.name, args: { file_path: abs } };
  }
  if (intent.intent === 'mcp') {
    const t = tools.find((x) => x.name.endsWith(intent.tool));
    if (!t) return { error: `no MCP tool ${intent.tool} among: ${tools.map((x) => x.name).join(', ')}` };
    return { name: t.name, args: intent.args, ...(t.namespace ? { namespace: t.namespace, child: t.child } : {}) };
  }
  return { error: `unknown intent ${intent.intent}` };
}

/** Tool results in a request (what the agent tells the model its tool returned), as text. */
function toolResults(api, body) {
  const out = [];
  const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (api === 'anthropic') {
    for (const m of body.messages ?? []) for (const c of Array.isArray(m.content) ? m.content : []) if (c.type === 'tool_result') out.push(text(c.content));
  } else if (api === 'chat') {
    for (const m of body.messages ?? []) if (m.role === 'tool') out.push(text(m.content));
  } else if (api === 'responses') {
    for (const i of Array.isArray(body.input) ? body.input : []) if (/_output$/.test(i.type ?? '')) out.push(text(i.output));
  } else if (api === 'gemini') {
    for (const c of body.contents ?? []) for (const p of c.parts ?? []) if (p.functionResponse) out.push(text(p.functionResponse.response));
  }
  return out;
}

function sse(res, events) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const [event, data] of events) res.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  res.end();
}

function sendJson(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

let seq = 0;
const id = (p) => `${p}_${++seq}`;

function anthropic(res, stream, call, model) {
  const usage = { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const block = call ? { type: 'tool_use', id: id('toolu'), name: call.name, input: call.args } : { type: 'text', text: 'done' };
  const stop = call ? 'tool_use' : 'end_turn';
  const message = { id: id('msg'), type: 'message', role: 'assistant', model, content: [block], stop_reason: stop, stop_sequence: null, usage };
  if (!stream) return sendJson(res, 200, message);
  const start = call ? { ...block, input: {} } : { type: 'text', text: '' };
  const delta = call ? { type: 'input_json_delta', partial_json: JSON.stringify(call.args) } : { type: 'text_delta', text: 'done' };
  sse(res, [
    ['message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null } }],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: start }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 5 } }],
    ['message_stop', { type: 'message_stop' }],
  ]);
}

function chat(res, stream, call, model) {
  const cid = id('chatcmpl');
  const toolCall = call ? { id: id('call'), type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args) } } : undefined;
  const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
  const finish = call ? 'tool_calls' : 'stop';
  if (!stream) {
    return sendJson(res, 200, { id: cid, object: 'chat.completion', created: 0, model, choices: [{ index: 0, message: { role: 'assistant', content: call ? null : 'done', ...(call ? { tool_calls: [toolCall] } : {}) }, finish_reason: finish }], usage });
  }
  const delta = call ? { role: 'assistant', content: null, tool_calls: [{ index: 0, ...toolCall }] } : { role: 'assistant', content: 'done' };
  sse(res, [
    [undefined, { id: cid, object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason: null }] }],
    [undefined, { id: cid, object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta: {}, finish_reason: finish }], usage }],
    [undefined, '[DONE]'],
  ]);
}

function responses(res, stream, call, model) {
  const rid = id('resp');
  const item = call
    ? { type: 'function_call', id: id('fc'), call_id: id('call'), name: call.child ?? call.name, ...(call.namespace ? { namespace: call.namespace } : {}), arguments: JSON.stringify(call.args), status: 'completed' }
    : { type: 'message', id: id('msg'), role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'done', annotations: [] }] };
  const usage = { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 15 };
  const done = { id: rid, object: 'response', created_at: 0, status: 'completed', model, output: [item], usage };
  if (!stream) return sendJson(res, 200, done);
  sse(res, [
    ['response.created', { type: 'response.created', response: { ...done, status: 'in_progress', output: [] } }],
    ['response.output_item.added', { type: 'response.output_item.added', output_index: 0, item: { ...item, ...(call ? { arguments: '' } : { content: [] }), status: 'in_progress' } }],
    ...(call ? [] : [['response.output_text.delta', { type: 'response.output_text.delta', item_id: item.id, output_index: 0, content_index: 0, delta: 'done' }]]),
    ['response.output_item.done', { type: 'response.output_item.done', output_index: 0, item }],
    ['response.completed', { type: 'response.completed', response: done }],
  ]);
}

/** A value that fits a JSON schema (OpenAPI-style upper-case types too), for side requests that want JSON. */
function sampleOf(schema) {
  const t = typeOf(schema);
  if (schema?.enum?.length) return schema.enum[0];
  if (t === 'object' || schema?.properties) return Object.fromEntries(Object.entries(props(schema)).map(([k, v]) => [k, sampleOf(v)]));
  if (t === 'array') return [];
  if (t === 'integer' || t === 'number') return schema.minimum ?? 50;
  if (t === 'boolean') return false;
  return 'airlock conformance test';
}

function gemini(res, stream, call, model, body) {
  const cfg = body.generationConfig ?? {};
  // Routing and classifier side calls ask for JSON (Gemini CLI retries for ~90 s on anything else).
  const text = cfg.responseMimeType === 'application/json' ? JSON.stringify(sampleOf(cfg.responseJsonSchema ?? cfg.responseSchema ?? {})) : 'done';
  const part = call ? { functionCall: { name: call.name, args: call.args } } : { text };
  const chunk = { candidates: [{ content: { role: 'model', parts: [part] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 }, modelVersion: model };
  if (!stream) return sendJson(res, 200, chunk);
  sse(res, [[undefined, chunk]]);
}

/**
 * Starts a fake model. `intent` may be changed between runs. Returns {url, port, requests,
 * mismatches, close}. Each request record: {api, path, body, toolResults, answered}.
 */
export async function startFakeModel(initialIntent) {
  const state = { intent: initialIntent, requests: [], mismatches: [], planErrors: [], toolCalls: [] };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body = {};
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        body = { unparsed: raw.slice(0, 2000) };
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const p = url.pathname;
      let api;
      if (req.method === 'POST' && /\/messages\/count_tokens$/.test(p)) return sendJson(res, 200, { input_tokens: 10 });
      if (req.method === 'POST' && /\/messages$/.test(p)) api = 'anthropic';
      else if (req.method === 'POST' && /\/chat\/completions$/.test(p)) api = 'chat';
      else if (req.method === 'POST' && /\/responses$/.test(p)) api = 'responses';
      else if (req.method === 'POST' && /:(stream)?[gG]enerateContent$/.test(p)) api = 'gemini';
      else if (req.method === 'POST' && /:countTokens$/.test(p)) return sendJson(res, 200, { totalTokens: 10 });
      else if (req.method === 'GET' && /\/models$/.test(p)) return sendJson(res, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'airlock' }], models: [] });
      else if (req.method === 'GET' && /\/models\/[^/]+$/.test(p)) return sendJson(res, 200, { id: p.split('/').pop(), object: 'model', created: 0, owned_by: 'airlock' });
      if (!api) {
        state.mismatches.push(`${req.method} ${req.url} ${raw.slice(0, 300)}`);
        return sendJson(res, 404, { error: { type: 'not_found', message: `fake model: no route for ${req.method} ${p}` } });
      }
      const results = toolResults(api, body);
      const tools = offeredTools(api, body);
      const model = body.model ?? p.match(/models\/([^/:]+)/)?.[1] ?? 'fake-model';
      const stream = api === 'gemini' ? /:streamGenerateContent$/.test(p) : body.stream === true;
      // Side requests (titles, summaries, topic checks) offer no tools: plain text for them.
      let call;
      const rec = { api, path: p, body, raw, toolResults: results, tools: tools.map((t) => t.name), answered: 'text' };
      state.requests.push(rec);
      // A sequence intent makes one call per turn: step k once the request carries k tool results.
      const steps = state.intent.intent === 'sequence' ? state.intent.steps : [state.intent];
      const issued = state.toolCalls.length;
      if (results.length === issued && issued < steps.length && tools.length > 0) {
        const plan = planToolCall(steps[issued], tools);
        if (plan.error) state.planErrors.push(plan.error);
        else {
          call = plan;
          state.called = true;
          rec.answered = `tool ${plan.name}`;
          state.toolCall ??= plan;
          state.toolCalls.push(plan);
        }
      }
      if (api === 'anthropic') return anthropic(res, stream, call, model);
      if (api === 'chat') return chat(res, stream, call, model);
      if (api === 'responses') return responses(res, stream, call, model);
      return gemini(res, stream, call, model, body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    state,
    /** Everything the model was sent, as one string (for "did X reach the model"). */
    allText: () => state.requests.map((r) => r.raw).join('\n'),
    /** The tool results the model was sent after its scripted call. */
    results: () => state.requests.flatMap((r) => r.toolResults),
    /** Step k's tool result (a sequence intent), from the request that carried the most results. */
    stepResults: () => state.requests.reduce((best, r) => (r.toolResults.length > best.length ? r.toolResults : best), []),
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
