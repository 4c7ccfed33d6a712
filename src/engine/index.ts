// The engine: pure TypeScript shared by the content script, the CLI tools and the tests.
export { analyze, explanationKey } from './analyze';
export { compileRules, RuleCompileError, type CompiledRules } from './compile-rules';
export { normalizeText, normalizePhrase, type NormalizedText } from './normalize-text';
export { checkSafeRegex } from './safe-regex';
export { scoreFindings, THRESHOLDS } from './score-findings';
export { parseTextModel, TextModelError, MODEL_CLASSES, type TextModel, type TextModelFile } from './text-model';
export * from './types';
