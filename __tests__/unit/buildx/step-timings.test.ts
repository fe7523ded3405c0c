// Where the time went, from buildx's plain progress output captured on the bed (BuildKit 0.13.2
// on a docker-container node, two platforms, arm64 under QEMU).
import { expect, test } from 'vitest';
import { fixture } from '../../fixture.js';
import {
  emulationDominates, emulationNotice, emulationTax, StepTimings, type StepTiming,
} from '../../../src/buildx/step-timings.js';

// The progress text, line by line, as run-command hands it over while buildx streams it.
function parseStepTimings(text: string): StepTiming[] {
  const t = new StepTimings();
  for (const line of text.split(/\r?\n/)) t.line(line);
  return t.steps;
}

const fromImage = parseStepTimings(fixture('progress/v0.13-two-platforms-from-image.txt'));
const LOOP = '[build 2/3] RUN i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; uname -m > /arch';

test('every step that names its platform, with its DONE time; internal steps left out', () => {
  expect(fromImage).toEqual([
    { platform: 'linux/arm64', name: '[build 1/3] FROM docker.io/library/busybox:latest@sha256:af9a60c44018fe7dfead4b408221f288382e0009a911919a0151ed9aa0e6623e', seconds: 0.3 },
    { platform: 'linux/amd64', name: '[build 1/3] FROM docker.io/library/busybox:latest@sha256:af9a60c44018fe7dfead4b408221f288382e0009a911919a0151ed9aa0e6623e', seconds: 0.3 },
    { platform: 'linux/amd64', name: LOOP, seconds: 0.9 },
    { platform: 'linux/amd64', name: '[build 3/3] RUN sha256sum /bin/busybox > /sum', seconds: 0.4 },
    { platform: 'linux/amd64', name: '[stage-1 2/2] COPY --from=build /arch /sum /', seconds: 0 },
    { platform: 'linux/arm64', name: LOOP, seconds: 4.5 },
    { platform: 'linux/arm64', name: '[build 3/3] RUN sha256sum /bin/busybox > /sum', seconds: 0.1 },
    { platform: 'linux/arm64', name: '[stage-1 2/2] COPY --from=build /arch /sum /', seconds: 0 },
  ]);
});

test('FROM scratch stages name no platform on RUN steps: those are left out, not guessed', () => {
  const steps = parseStepTimings(fixture('progress/v0.13-two-platforms-from-scratch.txt'));
  expect(steps.every((s) => !s.name.includes('RUN'))).toBe(true);
  expect(steps.map((s) => s.platform).sort()).toEqual(['linux/amd64', 'linux/amd64', 'linux/arm64', 'linux/arm64']);
});

test('the emulation tax: slowest per platform, the emulated/native ratio of a step on both', () => {
  const tax = emulationTax(fromImage, ['linux/arm64'], 2);
  expect(tax.slowest['linux/arm64']?.map((s) => s.seconds)).toEqual([4.5, 0.3]);
  expect(tax.pairs[0]).toMatchObject({ name: LOOP, ratio: 5 });
  expect(tax.emulatedSeconds).toBeCloseTo(4.9);
  expect(tax.totalSeconds).toBeCloseTo(6.5);
  expect(emulationDominates(tax)).toBe(false); // under 10 s: not worth a notice
});

test('a cross-compiling stage runs on the build platform', () => {
  const steps = parseStepTimings('#5 [linux/amd64->arm64 build 2/2] RUN go build\n#5 DONE 12.0s\n');
  expect(steps).toEqual([{ platform: 'linux/amd64', name: '[build 2/2] RUN go build', seconds: 12 }]);
});

test('when emulated steps dominate, the notice names the ways out, the best first', () => {
  const steps = [
    { platform: 'linux/arm64', name: '[build 2/3] RUN apt-get install -y build-essential', seconds: 84.3 },
    { platform: 'linux/amd64', name: '[build 2/3] RUN apt-get install -y build-essential', seconds: 9.1 },
  ];
  const tax = emulationTax(steps, ['linux/arm64']);
  expect(tax.pairs[0]?.ratio).toBeCloseTo(9.26);
  expect(emulationDominates(tax)).toBe(true);
  expect(emulationNotice(tax, ['linux/arm64'])).toBe('emulated steps took 84.3 s of 93.4 s (90 %) under QEMU ' +
    '(linux/arm64). Ways out: a native node for linux/arm64 (`nodes`, or a matrix leg on a runner of that ' +
    'architecture); or cross-compile in a `FROM --platform=$BUILDPLATFORM` stage and copy the result into the ' +
    'target stage');
});
