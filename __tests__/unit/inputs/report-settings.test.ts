import { expect, test } from 'vitest';
import { readReportSettings } from '../../../src/inputs/report-settings.js';

test('unset: annotations, record and upload on, the repository\'s retention', () => {
  expect(readReportSettings({})).toStrictEqual({
    settings: { checksAnnotations: true, record: true, recordUpload: true }, problems: [],
  });
});

test.each([
  ['DOCKER_BUILD_CHECKS_ANNOTATIONS', 'false', { checksAnnotations: false }],
  ['DOCKER_BUILD_CHECKS_ANNOTATIONS', '0', { checksAnnotations: false }],
  ['DOCKER_BUILD_SUMMARY', 'False', { record: false }],
  ['DOCKER_BUILD_RECORD_UPLOAD', 'f', { recordUpload: false }],
  ['DOCKER_BUILD_RECORD_UPLOAD', 'TRUE', { recordUpload: true }],
  ['DOCKER_BUILD_RECORD_RETENTION_DAYS', '7', { recordRetentionDays: 7 }],
])('%s=%s, read as docker\'s actions read it', (name, value, expected) => {
  const { settings, problems } = readReportSettings({ [name]: value });
  expect(settings).toMatchObject(expected);
  expect(problems).toStrictEqual([]);
});

test.each([
  ['DOCKER_BUILD_CHECKS_ANNOTATIONS', 'nope', 'DOCKER_BUILD_CHECKS_ANNOTATIONS="nope" is not a boolean (true or false); using true'],
  ['DOCKER_BUILD_SUMMARY', 'yes', 'DOCKER_BUILD_SUMMARY="yes" is not a boolean (true or false); using true'],
  ['DOCKER_BUILD_RECORD_RETENTION_DAYS', '0', 'DOCKER_BUILD_RECORD_RETENTION_DAYS="0" is not a whole number of days; using the repository\'s retention'],
  ['DOCKER_BUILD_RECORD_RETENTION_DAYS', '7d', 'DOCKER_BUILD_RECORD_RETENTION_DAYS="7d" is not a whole number of days; using the repository\'s retention'],
])('%s=%s: one line naming it, and the default', (name, value, line) => {
  const { settings, problems } = readReportSettings({ [name]: value });
  expect(problems).toStrictEqual([line]);
  expect(settings).toStrictEqual({ checksAnnotations: true, record: true, recordUpload: true });
});
