// The first script index.html runs (an entry of its own, see build.mjs): the first screen's
// requests leave now, while the app's code is still arriving; the app takes their answers.
import { sendFirstScreen } from './api/early.js';

sendFirstScreen();
