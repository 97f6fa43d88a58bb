// The engine's weights and thresholds, in one place. The values are fit by `npm run eval -- --fit` (a grid search scored
// by 5-fold cross-validation over tests/eval/dev.jsonl + tune.jsonl; see README "How answers are made").

export interface Tuning {
  /** Share of the word-level ranking in the fused score (the rest is the character-bigram ranking). */
  wordShare: number;
  /** Weight of the asker's situation (the story told before the question) relative to what is asked. */
  situationWeight: number;
  /** Weight, in IDF units, of a question word that no clause contains and no plan term explains. */
  unknownWeight: number;
  /** Multiplier of unknownWeight for an unknown noun (see AnalyzerOptions). */
  unknownNounFactor: number;
  /** Re-ranking: score × (coverageFloor + coverage). */
  coverageFloor: number;
  /** Confidence = coverageShare × word coverage + (1 − coverageShare) × bigram coverage of the best clause. */
  coverageShare: number;
  /** Below this confidence the engine says the plans do not answer the question. */
  minConfidence: number;
}

export const TUNING: Tuning = {
  wordShare: 0.6,
  situationWeight: 0.5,
  unknownWeight: 4,
  unknownNounFactor: 3,
  coverageFloor: 0.1,
  coverageShare: 0.5,
  minConfidence: 0.375,
};
