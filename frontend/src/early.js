// The first script index.html runs (a bundle of its own, inline: see build.mjs): the first
// screen's requests leave as the page is parsed, while the app's code is still on its way; the
// app takes their answers.
import { sendFirstScreen } from './api/early.js';

sendFirstScreen();
