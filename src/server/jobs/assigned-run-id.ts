/**
 * `askQuestion` picks its own run id, but the HTTP API must name the run before it
 * starts (the 202 answer carries it). This view of a run store records the run under
 * the id the server chose and translates the core's id to it in every later call and
 * in the stored answer. Drop it once `AskRequest` takes a `runId`, as `ImplementRequest` does.
 */
import type { RunStore, RunUpdate } from '../../core/run-store.js';

/** `store` with the next recorded run stored as `runId`. */
export function withAssignedRunId(store: RunStore, runId: string): RunStore {
  let chosenByCore: string | null = null;
  const translate = (id: string): string => (id === chosenByCore ? runId : id);
  const translateReport = (update: RunUpdate): RunUpdate => {
    const report = update.report;
    if (typeof report !== 'object' || report === null || !('runId' in report)) return update;
    if (report.runId !== chosenByCore) return update;
    return { ...update, report: { ...report, runId } };
  };
  return {
    createRun: (run) => {
      chosenByCore = run.id;
      return store.createRun({ ...run, id: runId });
    },
    updateRun: (id, update) => store.updateRun(translate(id), translateReport(update)),
    getRun: (id) => store.getRun(translate(id)),
    listRuns: (options) => store.listRuns(options),
    appendRunEvents: (id, events) => store.appendRunEvents(translate(id), events),
    listRunEvents: (id, afterSequence) => store.listRunEvents(translate(id), afterSequence),
    saveTranscript: (id, transcript) => store.saveTranscript(translate(id), transcript),
    getTranscript: (id) => store.getTranscript(translate(id)),
  };
}
