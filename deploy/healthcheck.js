#!/usr/bin/env node
// Container health check: GET /health on the local server and exit 0 when it answers
// 2xx, 1 otherwise (an error status, a refused connection, or no answer in time).
// Plain Node with no dependencies, because the slim runtime image has no curl or wget.
//
// Environment (all optional):
//   ARCHON_HEALTHCHECK_URL         full URL to probe (default http://127.0.0.1:$PORT/health)
//   PORT                           port of the default URL (default 8000)
//   ARCHON_HEALTHCHECK_TIMEOUT_MS  how long to wait for the answer (default 3000)
import { request } from 'node:http';
import process from 'node:process';
import { URL } from 'node:url';

const port = process.env.PORT || '8000';
const target = process.env.ARCHON_HEALTHCHECK_URL || `http://127.0.0.1:${port}/health`;
const timeoutMs = Number(process.env.ARCHON_HEALTHCHECK_TIMEOUT_MS || '3000');

function finish(code, message) {
  const stream = code === 0 ? process.stdout : process.stderr;
  stream.write(`healthcheck: ${message}\n`, () => process.exit(code));
}

let url;
try {
  url = new URL(target);
} catch {
  finish(1, `invalid URL ${target}`);
}
if (url !== undefined) {
  if (url.protocol !== 'http:') {
    finish(1, `only http URLs are supported, got ${url.protocol}`);
  } else if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    finish(1, `ARCHON_HEALTHCHECK_TIMEOUT_MS must be a positive number of milliseconds`);
  } else {
    const probe = request(url, { method: 'GET', timeout: timeoutMs, agent: false }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) finish(0, `ok (HTTP ${status})`);
      else finish(1, `unhealthy (HTTP ${status})`);
    });
    probe.on('timeout', () => probe.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    probe.on('error', (error) => finish(1, `unreachable: ${error.message}`));
    probe.end();
  }
}
