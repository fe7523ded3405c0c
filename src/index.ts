// Entry point of main and post (one bundle): which one runs is told by the saved state.
import { run } from './main.js';
import { post } from './post.js';
import { exitWhenFlushed } from './runtime/exit.js';
import { isPost } from './runtime/state.js';

void (isPost() ? post() : run()).finally(() => exitWhenFlushed());
