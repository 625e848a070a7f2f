// What onDemand() loads (see onDemand.ts). Only imported through it; a lint rule keeps activation-path files
// from importing these modules directly.
export { SearchIndex } from '../../core/search/searchIndex';
export { LiveSearch } from '../../core/search/liveSearch';
export { formatAnkiTsv, questionToNotes } from '../../core/export/anki';
export { analyze, analyzeCells, CHECKS } from '../../core/checks/index';
export { optimizeScheduling, undoOptimization } from '../optimizer/optimizeCommand';
export { MemoryModel, memoryOf } from '../../core/study/model';
export { studyPace } from '../../core/study/pace';
export { planDay } from '../../core/study/planner';
export { forecastReadiness } from '../../core/study/readiness';
