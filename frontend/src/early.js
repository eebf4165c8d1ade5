// The first script index.html runs (a bundle of its own, async: see build.mjs): the first
// screen's requests leave as soon as it arrives, while the app's code is still on its way; the
// app takes their answers.
import { sendFirstScreen } from './api/early.js';

sendFirstScreen();
