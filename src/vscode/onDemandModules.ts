// What onDemand() loads (see onDemand.ts). Only imported through it.
export { compileDecks } from '../core/bank/decks';
export { SearchIndex } from '../core/search/searchIndex';
export { formatAnkiTsv, questionToNote } from '../core/export/anki';
export { analyze, analyzeCells, CHECKS } from '../core/checks/index';
