/**
 * The conversation of one run and the part of it the model sees. The transcript keeps
 * every message; when the estimate nears the context window, the model's view becomes:
 * the first user message, one summary message standing in for the older turns, and the
 * recent turns. The kept part always starts at a non-tool message, so every tool result
 * the model sees follows the assistant message that asked for it.
 */
import type { AgentMessage } from './agent-messages.js';
import { compactionSummary, compactionSummaryMaxCharacters } from './compaction-summary.js';
import { estimateMessageTokens, estimateTokensOfLength } from './token-estimate.js';

/** Context settings of an agent or a run. */
export interface ContextOptions {
  /** Longest tool output the model reads, in characters (default 16,000). */
  readonly maxToolOutputCharacters?: number;
  /** Context window in tokens; defaults to the model's `contextWindow`. Without one, nothing is compacted. */
  readonly contextWindowTokens?: number;
  /** Compact when the estimated request reaches this share of the window (default 0.75). */
  readonly compactionThreshold?: number;
  /** Compact down to this share of the window (default 0.5). */
  readonly compactionTarget?: number;
}

/** Where a request stands against the context window. */
export interface WindowFit {
  /** Set when older turns were compacted just now. */
  readonly compaction?: CompactionOutcome;
  /** Estimated tokens of the whole request after any compaction. */
  readonly tokens: number;
}

/** What one compaction did. */
export interface CompactionOutcome {
  /** Transcript messages the summary now stands for. */
  readonly summarizedMessages: number;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
}

const summaryReserveTokens = estimateTokensOfLength(compactionSummaryMaxCharacters) + 4;

/** The transcript of a run plus the compacted view the model is sent. */
export class ConversationContext {
  private readonly messages: AgentMessage[] = [];
  /** `tokenPrefix[i]`: estimated tokens of `messages[0, i)`. */
  private readonly tokenPrefix: number[] = [0];
  /** Index of the first message kept after the summary; 0 while nothing is compacted. */
  private keptFrom = 0;
  private summary: AgentMessage | undefined;
  private summaryTokens = 0;

  /** Every message so far, uncompacted. */
  get transcript(): readonly AgentMessage[] {
    return this.messages;
  }

  append(message: AgentMessage): void {
    this.messages.push(message);
    this.tokenPrefix.push(this.tokenPrefix.at(-1)! + estimateMessageTokens(message));
  }

  /** Estimated tokens of the messages the model would be sent now. */
  estimatedTokens(): number {
    const total = this.tokenPrefix.at(-1)!;
    if (this.keptFrom === 0) return total;
    return this.tokenPrefix[1]! + this.summaryTokens + total - this.tokenPrefix[this.keptFrom]!;
  }

  /** A fresh array of the messages for the next request. */
  modelMessages(): AgentMessage[] {
    if (this.keptFrom === 0) return this.messages.slice();
    return [this.messages[0]!, this.summary!, ...this.messages.slice(this.keptFrom)];
  }

  /**
   * Before a request: when the estimate (`fixedTokens` of system prompt and tools plus the
   * messages, the pending tool output included) passes `threshold` of `windowTokens`,
   * compacts down towards `target` of it.
   */
  fit(fixedTokens: number, windowTokens: number, threshold: number, target: number): WindowFit {
    const tokens = fixedTokens + this.estimatedTokens();
    if (tokens <= windowTokens * threshold) return { tokens };
    const compaction = this.compact(windowTokens * target - fixedTokens);
    const after = fixedTokens + this.estimatedTokens();
    return compaction === undefined ? { tokens: after } : { compaction, tokens: after };
  }

  /**
   * Compacts so that the model's messages fit `budgetTokens` when possible, keeping at
   * least the last assistant turn and what follows it. Returns `undefined` when nothing
   * more can be compacted.
   */
  compact(budgetTokens: number): CompactionOutcome | undefined {
    let lastAssistant = -1;
    for (let index = this.messages.length - 1; index > 0; index--) {
      if (this.messages[index]!.role === 'assistant') {
        lastAssistant = index;
        break;
      }
    }
    const total = this.tokenPrefix.at(-1)!;
    const fixed = this.tokenPrefix[1]! + summaryReserveTokens;
    let chosen = -1;
    for (let index = Math.max(this.keptFrom + 1, 2); index <= lastAssistant; index++) {
      if (this.messages[index]!.role === 'tool') continue;
      chosen = index;
      if (fixed + total - this.tokenPrefix[index]! <= budgetTokens) break;
    }
    if (chosen === -1) return undefined;
    const tokensBefore = this.estimatedTokens();
    const summary: AgentMessage = {
      role: 'user',
      content: compactionSummary(this.messages, 1, chosen),
    };
    this.summary = summary;
    this.summaryTokens = estimateMessageTokens(summary);
    this.keptFrom = chosen;
    return { summarizedMessages: chosen - 1, tokensBefore, tokensAfter: this.estimatedTokens() };
  }
}
