// Everything that needs the Actions cache and tool-cache clients (2.4 MB with their Azure
// dependencies), bundled apart as dist/lazy-cache.js: only runs that record legs, restore
// images or pin buildx load it.
export { ensureLocalImage } from './image-cache.js';
export { installBuildx } from '../buildx/install.js';
export { recordLeg, restoreLegs } from '../merge/leg-records.js';
