/**
 * The server side of the HTTP search benchmark, started as a child process so its
 * CPU and memory are its own and the load generator never shares its event loop:
 *
 * - `archon`: the real `archon serve` (the CLI's own code path: settings, JSON access
 *   logs, metrics, cache) over ARCHON_HOME from the environment;
 * - `bare`: a plain `node:http` server answering every request with one fixed JSON
 *   body of `--bytes` bytes, the ceiling of HTTP on this machine.
 *
 * Either way it prints `listening <url>` on standard error once it accepts requests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

import { processIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/main.js';

const { values } = parseArgs({
  options: { mode: { type: 'string', default: 'archon' }, bytes: { type: 'string', default: '2' } },
});

if (values.mode === 'bare') {
  const body = JSON.stringify({ results: 'x'.repeat(Math.max(0, Number(values.bytes) - 15)) });
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stderr.write(`listening http://127.0.0.1:${port}\n`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const io = processIo();
  // `archon serve` announces its URL on standard error; repeat it in the bench's words.
  const stderr = (text: string): void => {
    const match = /serving on (\S+)/.exec(text);
    io.stderr(match ? `listening ${match[1]}\n` : text);
  };
  process.exitCode = await runCli(['serve', '--host', '127.0.0.1', '--port', '0'], {
    ...io,
    stderr,
  });
}
