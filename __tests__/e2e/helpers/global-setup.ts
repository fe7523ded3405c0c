// Once per e2e run: which Node runs the action's steps, in the test output.
import { describeActionNode } from './action-node.js';

export default function setup(): void {
  console.log(`e2e: the action's main and post steps and the CLI run on Node ${describeActionNode()}`);
}
