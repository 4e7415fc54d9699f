/** `archon implement <spec.md | ->`: from a spec to tested code in a workspace. */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { Command } from 'commander';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { implementTask } from '../../engineer/implement-task.js';
import { renderReportMarkdown } from '../../engineer/implementation-report.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { parseCount } from '../option-parsers.js';

interface ImplementOptions {
  workspace?: string;
  check?: string[];
  model?: string;
  maxSteps?: number;
  maxCostUsd?: number;
  json?: boolean;
  events?: string;
}

export function registerImplementCommand(program: Command, context: CliContext): void {
  program
    .command('implement')
    .description('implement a spec in a workspace: edit, run the checks, iterate until they pass')
    .argument('<spec>', 'spec file (Markdown), or - to read it from standard input')
    .option('--workspace <dir>', 'the repository to work in (default: current directory)')
    .option(
      '--check <command>',
      'a check that must pass, e.g. "npm test" (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--model <provider:model>', 'language model (default: ARCHON_MODEL)')
    .option('--max-steps <n>', 'step budget (default 50)', parseCount('--max-steps', 10_000))
    .option('--max-cost-usd <x>', 'cost budget in US dollars', parseCost)
    .option('--json', 'print the report as JSON')
    .option('--events <file>', 'write every run event to this file as JSON lines')
    .action(async (specArgument: string, options: ImplementOptions) => {
      const spec = await readSpec(specArgument, context);
      const model = context.languageModel(options.model);
      const knowledgeBase = await context.knowledgeBase({ withPack: true });
      if (options.events !== undefined) writeFileSync(options.events, '');
      const report = await implementTask(
        { knowledge: knowledgeBase, runs: await context.runStore(), home: context.settings.home },
        {
          spec,
          workspace: resolve(options.workspace ?? process.cwd()),
          checks: options.check ?? [],
          model,
          limits: {
            ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
            ...(options.maxCostUsd !== undefined ? { maxCostUsd: options.maxCostUsd } : {}),
          },
          ...(options.events !== undefined
            ? {
                onEvent: (event) =>
                  appendFileSync(options.events as string, `${JSON.stringify(event)}\n`),
              }
            : {}),
        },
      );
      if (options.json === true) context.printJson(report);
      else context.print(renderReportMarkdown(report));
      if (report.status !== 'succeeded') context.exitCode = ExitCode.Failure;
    });
}

function parseCost(value: string): number {
  const cost = Number(value);
  if (value.trim() === '' || !Number.isFinite(cost) || cost <= 0) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `--max-cost-usd must be a positive number, got '${value}'`,
    );
  }
  return cost;
}

async function readSpec(argument: string, context: CliContext): Promise<string> {
  let spec: string;
  if (argument === '-') {
    if (context.io.readStdin === undefined)
      throw new ArchonError(ErrorCode.InvalidInput, 'no standard input to read the spec from');
    spec = await context.io.readStdin();
  } else {
    try {
      spec = readFileSync(argument, 'utf8');
    } catch {
      throw new ArchonError(ErrorCode.PathNotFound, `spec file not found: ${resolve(argument)}`);
    }
  }
  if (spec.trim() === '') throw new ArchonError(ErrorCode.InvalidInput, 'the spec is empty');
  return spec;
}
