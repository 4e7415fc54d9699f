/**
 * Bypass attempts run for real through runCommand in a hostile temporary
 * workspace, without the sandbox (the weakest setting): each is denied before
 * anything runs, and afterwards the sentinel outside the workspace and the
 * workspace itself are unchanged. With bubblewrap, a script the policy allows but
 * which tries to destroy the sentinel is contained by the sandbox.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../../src/core/errors.js';
import { runCommand } from '../../../src/engineer/commands/command-runner.js';
import { detectSandbox } from '../../../src/engineer/commands/sandbox-detection.js';
import { WorkspaceGuard } from '../../../src/engineer/workspace/workspace-guard.js';
import { createHostileWorkspace, hashTree, type HostileWorkspace } from './workspace-fixture.js';

let fixture: HostileWorkspace;
let guard: WorkspaceGuard;
let sentinelHash: string;
let workspaceHash: string;

beforeAll(async () => {
  fixture = await createHostileWorkspace();
  guard = await WorkspaceGuard.open(fixture.root);
  sentinelHash = await hashTree(fixture.sentinel);
  workspaceHash = await hashTree(join(fixture.root, 'src'));
});

afterAll(async () => {
  await fixture.remove();
});

const destructive = (sentinel: string): readonly string[] => [
  `rm -rf ${sentinel}`,
  'rm -rf ../sentinel',
  'rm -r -f src',
  'env FOO=1 timeout 5 rm -rf src',
  'sh -c "rm -rf ../sentinel"',
  'bash -c "bash -c \\"rm -fr src\\""',
  'echo $(rm -rf src)',
  'echo `rm -rf ../sentinel`',
  'ls; rm -rf src',
  'ls && rm -rf ../sentinel',
  'echo src | xargs rm -rf',
  'ls src | xargs rm',
  'find ../sentinel -delete',
  'find . -exec rm -rf {} \\;',
  `echo pwned > ${sentinel}/secret.txt`,
  'echo pwned >> ../sentinel/secret.txt',
  'cp src/app.ts ../sentinel/copied.ts',
  'mv src ../sentinel/moved',
  'tee ../sentinel/tee.txt',
  'ln -s / src/root-link',
  'chmod -R 000 ../sentinel',
  'cd .. && rm -rf sentinel',
  'git -C .. clean -fdx',
  'git clean -fdx',
  'perl -e "unlink glob q(../sentinel/*)"',
  "node -e \"require('fs').rmSync('../sentinel',{recursive:true})\"",
  'python3 -c "import shutil; shutil.rmtree(\'../sentinel\')"',
  '\\rm -rf src',
  '"rm" -rf src',
  'command rm -rf src',
  'exec rm -rf src',
  `rm\t-rf\tsrc`,
  'ls\nrm -rf src',
  'cat /dev/null | sh',
  "sed -i 's/export/pwned/' ../sentinel/secret.txt",
  'touch link-sentinel-dir/x ../sentinel/y',
  'dd if=src/app.ts of=../sentinel/secret.txt',
];

describe('bypass attempts run through runCommand without a sandbox', () => {
  it('denies each one before it runs', async () => {
    const attempts = destructive(fixture.sentinel);
    expect(attempts.length).toBeGreaterThanOrEqual(30);
    for (const command of attempts) {
      let code: string | undefined;
      try {
        await runCommand(command, { workspace: guard, sandbox: 'none', timeoutMs: 10_000 });
      } catch (error) {
        code = ArchonError.isInstance(error) ? error.code : String(error);
      }
      expect(code, command).toBe(ErrorCode.CommandDenied);
    }
  });

  it('left the sentinel and the workspace sources unchanged', async () => {
    expect(await hashTree(fixture.sentinel)).toBe(sentinelHash);
    expect(await hashTree(join(fixture.root, 'src'))).toBe(workspaceHash);
  });
});

describe('what the policy cannot see, the sandbox contains', () => {
  it('keeps an allowed script from touching anything outside the workspace', async () => {
    const support = await detectSandbox(process.env.PATH);
    if (support.kind !== 'bubblewrap') {
      expect(support.reason).toMatch(/bubblewrap/u);
      return;
    }
    await writeFile(
      join(fixture.root, 'evil.js'),
      [
        "const fs = require('node:fs');",
        'const results = [];',
        'const attempt = (action) => { try { action(); results.push("done"); } catch (error) { results.push(error.code); } };',
        `attempt(() => fs.rmSync(${JSON.stringify(fixture.sentinel)}, { recursive: true }));`,
        `attempt(() => fs.writeFileSync(${JSON.stringify(join(fixture.sentinel, 'secret.txt'))}, 'pwned'));`,
        "attempt(() => fs.rmSync('link-sentinel/secret.txt'));",
        "attempt(() => fs.writeFileSync('hardlink.txt', 'pwned through a hard link?'));",
        "attempt(() => fs.writeFileSync('.git/config', 'pwned'));",
        'console.log(results.join(" "));',
      ].join('\n'),
    );
    const result = await runCommand('node evil.js', { workspace: guard, sandbox: 'bubblewrap' });
    expect(result.sandbox).toBe('bubblewrap');
    const outcomes = result.stdout.trim().split(' ');
    // The sentinel does not exist inside the sandbox; .git is mounted read-only.
    expect(outcomes).toEqual(['ENOENT', 'ENOENT', 'ENOENT', 'done', 'EROFS']);
    // Writing through a hard link reaches the shared inode: the one thing bind mounts do not stop.
    await writeFile(join(fixture.sentinel, 'hard.txt'), 'hard-linked secret\n');
    expect(await hashTree(fixture.sentinel)).toBe(sentinelHash);
  });
});
