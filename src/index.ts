// Entry point of main and post (one bundle): which one runs is told by the saved state.
import { run } from './main.js';
import { post } from './post.js';
import { isPost } from './runtime/state.js';

// Exit explicitly: keep-alive sockets of registry reads must not hold the step open.
void (isPost() ? post() : run()).finally(() => process.exit());
