// Run as a child process (nodejieba holds one dictionary per process): prints, as JSON, the words every citable clause and
// every dev/tune question gets from the tokenizer with nodejieba's FULL dictionary.
import fs from 'node:fs';
import { createCorpus } from '../../src/corpus/corpus.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { FULL_DICTIONARY } from '../../src/search/dictionary.ts';
import { loadLexicon } from '../../src/search/lexicon.ts';
import { createTokenizer } from '../../src/search/tokenize.ts';

const tokenizer = createTokenizer(loadLexicon('corpus/lexicon'), { dictionary: FULL_DICTIONARY });
const questions = ['tests/eval/dev.jsonl', 'tests/eval/tune.jsonl'].flatMap((file) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { question: string }).question),
);
const texts = [...createCorpus(loadCorpus('corpus')).citable.map((c) => c.text), ...questions];
process.stdout.write(JSON.stringify(texts.map((text) => ({ text, words: tokenizer.words(text) }))));
