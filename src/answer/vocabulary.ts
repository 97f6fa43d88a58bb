// Loads the easy-mode glossary (corpus/lexicon/glossary.txt).
import fs from 'node:fs';
import path from 'node:path';

function dataLines(file: string): string[] {
  if (!fs.existsSync(file)) throw new Error(`vocabulary: missing file ${file}`);
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Term → explanation from glossary.txt (`term | explanation`). */
export function loadGlossary(dir: string): Map<string, string> {
  const file = path.join(dir, 'glossary.txt');
  const glossary = new Map<string, string>();
  dataLines(file).forEach((line, index) => {
    const [term, meaning] = line.split('|').map((part) => part.trim());
    if (!term || !meaning) throw new Error(`vocabulary: ${file}: line ${index + 1} needs "term | explanation"`);
    glossary.set(term, meaning);
  });
  return glossary;
}
