/**
 * Seeded synthetic text with topic structure, for benchmarks that need
 * realistic-looking documents without a corpus: a vocabulary of pseudo-words,
 * topics that prefer their own words (Zipf-distributed), documents mixing one
 * or two topics with common words, and short queries drawn from one topic.
 * Deterministic for a seed, so embeddings of it are reproducible.
 */
import { createSeededRandom, type RandomSource } from './seeded-random.js';

/** Shape of the text. */
export interface TopicTextOptions {
  readonly topics: number;
  readonly wordsPerTopic: number;
  /** Common words every document draws from (like "the", "data", "request"). */
  readonly commonWords: number;
  readonly seed: number;
}

/** A fixed topic model that can write documents and queries. */
export interface TopicTextSource {
  /** Document `index` (40 to 120 words), the same text for the same index. */
  document(index: number): string;
  /** Query `index` (5 to 12 words from one topic). */
  query(index: number): string;
}

const syllables = 'ka lo mi ne su ta ri po de va lu chi mo ze ga fi no be ru sa te wi ko da'.split(
  ' ',
);

/** Builds the vocabulary and topics for `options`. */
export function createTopicTextSource(options: TopicTextOptions): TopicTextSource {
  const random = createSeededRandom(options.seed);
  const vocabulary = new Set<string>();
  const wanted = options.topics * options.wordsPerTopic + options.commonWords;
  while (vocabulary.size < wanted) vocabulary.add(pseudoWord(random));
  const words = [...vocabulary];
  const common = words.slice(0, options.commonWords);
  const topics = Array.from({ length: options.topics }, (_, topic) =>
    words.slice(
      options.commonWords + topic * options.wordsPerTopic,
      options.commonWords + (topic + 1) * options.wordsPerTopic,
    ),
  );
  const write = (
    seed: number,
    length: number,
    topicList: readonly string[][],
    topicShare: number,
  ): string => {
    const textRandom = createSeededRandom(seed);
    const parts: string[] = [];
    for (let position = 0; position < length; position++) {
      if (textRandom() < topicShare) {
        const topic = topicList[Math.floor(textRandom() * topicList.length)]!;
        parts.push(zipfPick(topic, textRandom));
      } else {
        parts.push(zipfPick(common, textRandom));
      }
    }
    return parts.join(' ');
  };
  return {
    document(index) {
      const pick = createSeededRandom(options.seed * 7919 + index);
      const first = topics[Math.floor(pick() * topics.length)]!;
      const second = topics[Math.floor(pick() * topics.length)]!;
      const chosen = pick() < 0.3 ? [first, second] : [first];
      return write(options.seed * 104_729 + index, 40 + Math.floor(pick() * 81), chosen, 0.65);
    },
    query(index) {
      const pick = createSeededRandom(options.seed * 6151 + index + 1_000_000);
      const topic = topics[Math.floor(pick() * topics.length)]!;
      return write(options.seed * 15_485_863 + index, 5 + Math.floor(pick() * 8), [topic], 0.85);
    },
  };
}

function pseudoWord(random: RandomSource): string {
  const length = 2 + Math.floor(random() * 3);
  let word = '';
  for (let index = 0; index < length; index++)
    word += syllables[Math.floor(random() * syllables.length)]!;
  return word;
}

/** Picks with probability roughly proportional to 1 / rank. */
function zipfPick(words: readonly string[], random: RandomSource): string {
  const rank = Math.floor(Math.exp(random() * Math.log(words.length + 1))) - 1;
  return words[Math.min(words.length - 1, Math.max(0, rank))]!;
}
