// The per-run figures live with the run database (one implementation for every host).
export { runModelAlias, runStats, taskPinCounts, type RunStats } from '../../runtime/model/run-stats';
