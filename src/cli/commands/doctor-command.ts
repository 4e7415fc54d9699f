/**
 * `archon doctor`: checks that the installation works end to end (settings, store,
 * embedding pin, integrity, the built-in pack, a search) and says how to fix what fails.
 */
import { join } from 'node:path';

import type { Command } from 'commander';

import { ArchonError } from '../../core/errors.js';
import { databaseFileName } from '../../knowledge/open-knowledge-base.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';

interface DoctorCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export function registerDoctorCommand(program: Command, context: CliContext): void {
  program
    .command('doctor')
    .description('check the installation, the store and the built-in knowledge pack')
    .option('--json', 'print the checks as JSON')
    .action(async (options: { json?: boolean }) => {
      const checks = await runChecks(context);
      const ok = checks.every((check) => check.ok);
      if (options.json === true) context.printJson({ ok, checks });
      else {
        for (const check of checks)
          context.print(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
        context.print(ok ? 'all checks passed' : 'some checks failed');
      }
      if (!ok) context.exitCode = ExitCode.Failure;
    });
}

async function runChecks(context: CliContext): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const attempt = async (name: string, run: () => Promise<string>): Promise<boolean> => {
    try {
      checks.push({ name, ok: true, detail: await run() });
      return true;
    } catch (error) {
      const detail = ArchonError.isInstance(error)
        ? `${error.message} [${error.code}]`
        : String(error);
      checks.push({ name, ok: false, detail });
      return false;
    }
  };

  if (!(await attempt('settings', async () => describeSettings(context)))) return checks;
  if (!(await attempt('store', async () => describeStore(context)))) return checks;
  await attempt('embedding model', async () => {
    const knowledgeBase = await context.knowledgeBase();
    await knowledgeBase.ensureEmbeddingSpec();
    const spec = knowledgeBase.embeddingSpec;
    return `${spec.modelId}, ${spec.dimensions} dimensions, matches the knowledge base`;
  });
  await attempt('integrity', async () => {
    const report = await (await context.knowledgeBase()).checkIntegrity();
    if (!report.ok)
      throw new Error(`${report.problems.join('; ')} (run \`archon reindex\` or re-ingest)`);
    return 'no orphan chunks, vectors or index rows';
  });
  await attempt('knowledge pack', async () => {
    const knowledgeBase = await context.knowledgeBase({ withPack: context.settings.knowledgePack });
    if (!context.settings.knowledgePack) return 'disabled in settings';
    const pack = (await knowledgeBase.listSources()).find(
      (source) => source.name === 'engineering-pack',
    );
    if (pack === undefined || pack.documentCount === 0)
      throw new Error('engineering-pack is missing or empty');
    return `engineering-pack: ${pack.documentCount} documents, ${pack.chunkCount} chunks`;
  });
  await attempt('search', async () => {
    const knowledgeBase = await context.knowledgeBase();
    const results = await knowledgeBase.search({
      query: 'repository pattern parameterized queries',
      limit: 3,
    });
    const stats = await knowledgeBase.stats();
    return `${results.length} results from ${stats.chunks} chunks (${stats.vectorIndex} vector search)`;
  });
  return checks;
}

function describeSettings(context: CliContext): string {
  const { settings } = context;
  const embedding = settings.embedding;
  const model =
    embedding.provider === 'hash' ? 'hash (offline)' : `${embedding.model} at ${embedding.baseUrl}`;
  return `home ${settings.home}; embedding ${model}; language model ${settings.model ?? 'not configured'}`;
}

async function describeStore(context: CliContext): Promise<string> {
  const stats = await (await context.knowledgeBase()).stats();
  return (
    `${join(context.settings.home, databaseFileName)}: ${stats.sources} sources, ${stats.documents} documents, ` +
    `${stats.chunks} chunks, ${stats.embeddings} vectors`
  );
}
