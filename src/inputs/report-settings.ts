// The variables build-push-action users set to shape what a build leaves behind (its check
// annotations and its build record), read as docker's actions read them. They are switches a
// workflow sets for every step, not inputs: a bad value is a warning naming the variable, and the
// default is used, so a typo never fails a build.
import { warning } from '@actions/core';
import type { ReportSettings } from '../shared/inputs-types.js';

// Go's strconv.ParseBool, which docker's actions (Util.parseBool) and buildx apply to these.
const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

/** One line per variable whose value is not what it should be, and the settings with defaults for those. */
export function readReportSettings(env: NodeJS.ProcessEnv): { settings: ReportSettings; problems: string[] } {
  const problems: string[] = [];
  const flag = (name: string, fallback: boolean): boolean => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    if (TRUE.has(value)) return true;
    if (FALSE.has(value)) return false;
    problems.push(`${name}=${JSON.stringify(value)} is not a boolean (true or false); using ${String(fallback)}`);
    return fallback;
  };
  const days = (name: string): number | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value);
    problems.push(`${name}=${JSON.stringify(value)} is not a whole number of days; using the repository's retention`);
    return undefined;
  };
  const recordRetentionDays = days('DOCKER_BUILD_RECORD_RETENTION_DAYS');
  return {
    settings: {
      checksAnnotations: flag('DOCKER_BUILD_CHECKS_ANNOTATIONS', true),
      record: flag('DOCKER_BUILD_SUMMARY', true),
      recordUpload: flag('DOCKER_BUILD_RECORD_UPLOAD', true),
      ...(recordRetentionDays !== undefined ? { recordRetentionDays } : {}),
    },
    problems,
  };
}

/** The settings, each bad value warned about once. */
export function reportSettings(env: NodeJS.ProcessEnv): ReportSettings {
  const { settings, problems } = readReportSettings(env);
  for (const problem of problems) warning(problem);
  return settings;
}
