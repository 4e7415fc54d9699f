import { describe, expect, it } from 'vitest';

import {
  type CommandPolicy,
  defaultCommandPolicy,
  evaluateCommand,
  extendPolicy,
} from './command-policy.js';

const workspace = { root: '/work/project' };
const decide = (command: string, policy: CommandPolicy = defaultCommandPolicy) =>
  evaluateCommand(command, workspace, policy);

describe('evaluateCommand: what the default policy allows', () => {
  it.each([
    'npm test',
    'npm run build -- --watch=false',
    'npm --silent run lint',
    'npx vitest run src/app.test.ts',
    'npx --yes tsc --noEmit',
    'pnpm test',
    'yarn run check',
    'node scripts/build.js --out dist',
    'tsx scripts/check.ts',
    'python -m pytest -q tests/test_app.py',
    'python3 -W ignore script.py',
    'PYTHONPATH=src pytest -x',
    'go test ./...',
    'go vet ./pkg/...',
    'cargo test --all-features',
    'make -j4 test',
    'make test V=1 CFLAGS=-O2',
    'git status --short',
    'git diff HEAD~1..HEAD -- src',
    'git log --oneline -n 5',
    'git show HEAD:src/app.ts',
    'ls -la src',
    'cat README.md | head -n 20',
    'grep -rn "TODO" src | wc -l',
    'rg --files src | sort',
    "find . -name '*.ts' -not -path './node_modules/*'",
    "find src -name '*.test.ts' | xargs grep -l describe",
    'find src -type f -exec grep -H foo {} +',
    "sed -n '1,20p' src/app.ts",
    "sed -i 's/foo/bar/g' src/app.ts",
    "awk '{print $1}' data.txt",
    'mkdir -p src/lib && touch src/lib/index.ts',
    'cp src/a.ts src/b.ts',
    'mv src/old.ts src/new.ts',
    'rm src/unused.ts',
    'rm -f -- *.log',
    'ln -s lib src/link',
    'chmod +x scripts/run.sh',
    'echo done > build.log 2>&1',
    'npm test > /dev/null 2>&1',
    'cd src && ls',
    'timeout 60 npm test',
    'env CI=1 NODE_ENV=test npm test',
    'nice -n 10 make',
    'time -p npm test',
    'sh -c "npm test && npm run lint"',
    'bash -c "cd src; ls"',
    'echo $HOME $(pwd)',
    'export FOO=1; npm test',
    'set -e; npm test',
    'command -v node',
    'git --no-pager log -1',
    'tsc -p . --outDir ./dist',
    'cat /dev/null',
    '/usr/bin/env node app.js',
    './node_modules/.bin/vitest run',
    'exec > out.log',
    'FOO=1',
  ])('%s', (command) => {
    const decision = decide(command);
    expect(decision.reason).toMatch(/^allowed/u);
    expect(decision.allowed).toBe(true);
  });

  it('lists every command it looked at, wrapped ones included', () => {
    const decision = decide('timeout 5 env A=1 npm test');
    expect(decision.commands.map((command) => command.argv[0])).toEqual(['timeout', 'env', 'npm']);
    expect(decision.commands[2]?.origin).toEqual(['timeout', 'env']);
    expect(decision.reason).toBe('allowed (3 commands checked)');
    expect(decide('ls').reason).toBe('allowed (1 command checked)');
  });
});

describe('evaluateCommand: rules and switches', () => {
  it('refuses what no rule allows and says which subcommand', () => {
    expect(decide('terraform apply').reason).toBe(
      '`terraform apply`: terraform apply is not among the commands the policy allows',
    );
    expect(decide('git commit -m x').reason).toContain('git commit is not among');
    expect(decide('yarn').reason).toContain('yarn is not among');
    expect(decide('sh script.sh').allowed).toBe(false);
  });

  it('gives the deny rule reason', () => {
    expect(decide('npm install left-pad').reason).toContain('installing packages is denied');
    expect(decide('wget http://example.com').reason).toContain('needs the network');
    expect(decide('source env.sh').reason).toContain('sourcing a script');
  });

  it('extends a policy with allow and deny rules, shorthand included', () => {
    const policy = extendPolicy(defaultCommandPolicy, {
      allow: ['terraform plan', { command: 'docker', subcommands: ['build'] }],
      deny: [{ command: 'make', withOptions: ['-B'], reason: 'no forced rebuilds' }],
    });
    expect(decide('terraform plan', policy).allowed).toBe(true);
    expect(decide('terraform apply', policy).allowed).toBe(false);
    expect(decide('docker build .', policy).allowed).toBe(false);
    expect(decide('make -B all', policy).reason).toContain('no forced rebuilds');
    expect(decide('make -kB all', policy).reason).toContain('no forced rebuilds');
    expect(decide('make all', policy).allowed).toBe(true);
    const custom = extendPolicy({ allow: ['make'] }, { deny: ['make clean'] });
    expect(decide('make clean', custom).reason).toContain('make is denied by the policy');
  });

  it('allows inline code only when switched on', () => {
    const open = extendPolicy(defaultCommandPolicy, { allowInlineCode: true, allow: ['perl'] });
    expect(decide('node -e "1"').allowed).toBe(false);
    expect(decide('node -e "1"', open).allowed).toBe(true);
    expect(decide('perl -ne "print" file', open).allowed).toBe(true);
    expect(decide('git -c core.pager=cat log', open).allowed).toBe(true);
    expect(decide('python -m http.server', open).allowed).toBe(true);
  });

  it('limits python -m to the listed modules', () => {
    expect(decide('python -m pip install x').reason).toContain('python -m pip installs packages');
    expect(decide('python -m http.server').reason).toContain(
      'python -m http.server is not among the allowed modules',
    );
    expect(
      decide('python -m http.server', { ...defaultCommandPolicy, pythonModules: ['http.server'] })
        .allowed,
    ).toBe(true);
  });

  it('lets readers name extra readable paths, never writers', () => {
    const policy = { ...defaultCommandPolicy, readablePaths: ['/usr/include/'] };
    expect(decide('cat /usr/include/stdio.h').allowed).toBe(false);
    expect(decide('cat /usr/include/stdio.h', policy).allowed).toBe(true);
    expect(decide('grep -r foo /usr/include', policy).allowed).toBe(true);
    expect(decide('cp /usr/include/stdio.h .', policy).allowed).toBe(false);
  });

  it('uses the given read-only areas', () => {
    const decision = evaluateCommand('touch generated/x.ts', {
      root: '/work/project',
      readOnlyPaths: ['generated'],
    });
    expect(decision.reason).toContain('read-only area');
    expect(
      evaluateCommand('touch .git/x', { root: '/work/project', readOnlyPaths: ['generated'] })
        .allowed,
    ).toBe(true);
  });

  it('refuses empty and unparseable input with a reason', () => {
    expect(decide('   ')).toEqual({ allowed: false, reason: 'the command is empty', commands: [] });
    expect(decide(undefined as unknown as string).allowed).toBe(false);
    expect(decide('echo "unclosed').reason).toBe(
      'Cannot parse the command: a double quote is not closed',
    );
    expect(decide('# only a comment').reason).toBe('the command is empty');
  });
});
