// What onDemand() loads (see onDemand.ts). Only imported through it; a lint rule keeps activation-path files
// from importing these modules directly.
export { applyDeckDelta, compileDeckDelta, deckBaseOf, parseDeckFile } from '../../core/bank/decks';
export { SearchIndex } from '../../core/search/searchIndex';
export { LiveSearch } from '../../core/search/liveSearch';
export { formatAnkiTsv, questionToNotes } from '../../core/export/anki';
