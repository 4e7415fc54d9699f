/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and says where the time
 * went: self time per function, and inclusive time under named entry
 * functions (say `chunkDocument` or `htmlToMarkdown`), so a slow pipeline can
 * be blamed on a stage with evidence.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Time attributed to one function or group, in milliseconds. */
export interface ProfileEntry {
  readonly name: string;
  readonly milliseconds: number;
  readonly share: number;
}

/** What {@link summarizeCpuProfile} found. */
export interface ProfileSummary {
  readonly totalMilliseconds: number;
  /** Functions by self time, largest first. */
  readonly selfTime: readonly ProfileEntry[];
  /** For each entry function asked for: time of samples with it on the stack. */
  readonly inclusiveTime: readonly ProfileEntry[];
}

/** Summarizes `path`; `entryFunctions` are matched by function name. */
export function summarizeCpuProfile(
  path: string,
  entryFunctions: readonly string[],
  top = 15,
  repositoryRoot = process.cwd(),
): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);

  const selfByNode = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((nodeId, index) => {
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    total += delta;
    selfByNode.set(nodeId, (selfByNode.get(nodeId) ?? 0) + delta);
  });

  const selfByName = new Map<string, number>();
  const inclusive = new Map<string, number>(entryFunctions.map((name) => [name, 0]));
  for (const [nodeId, milliseconds] of selfByNode) {
    const node = byId.get(nodeId);
    if (node === undefined) continue;
    const name = frameName(node, repositoryRoot);
    selfByName.set(name, (selfByName.get(name) ?? 0) + milliseconds);
    const seen = new Set<string>();
    for (
      let current: number | undefined = nodeId;
      current !== undefined;
      current = parentOf.get(current)
    ) {
      const functionName = byId.get(current)?.callFrame.functionName ?? '';
      if (inclusive.has(functionName) && !seen.has(functionName)) {
        seen.add(functionName);
        inclusive.set(functionName, inclusive.get(functionName)! + milliseconds);
      }
    }
  }
  const entries = (map: Map<string, number>): ProfileEntry[] =>
    [...map.entries()]
      .map(([name, milliseconds]) => ({
        name,
        milliseconds,
        share: total > 0 ? milliseconds / total : 0,
      }))
      .sort((left, right) => right.milliseconds - left.milliseconds);
  return {
    totalMilliseconds: total,
    selfTime: entries(selfByName).slice(0, top),
    inclusiveTime: entries(inclusive),
  };
}

function frameName(node: ProfileNode, repositoryRoot: string): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName === '' ? '(anonymous)' : functionName;
  if (url === '') return name;
  let location = url;
  if (url.startsWith('file://')) {
    location = relative(repositoryRoot, fileURLToPath(url));
    const modules = location.lastIndexOf('node_modules/');
    if (modules !== -1) location = location.slice(modules + 'node_modules/'.length);
  }
  return `${name} (${location}:${lineNumber + 1})`;
}
