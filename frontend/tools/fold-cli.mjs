// The web app's live fold from the command line, for the tests that fold events recorded from a
// real server (tests/live/board.py): the same modules the app runs, no copy of their rules.
//   node tools/fold-cli.mjs query        print the board query the app loads (api/okr.js Q_BOARD)
//   node tools/fold-cli.mjs fold FILE    FILE holds {"board": <that query's data>, "events": [...]}:
//                                        print {"board": {boardSeq, objectives} folded, "needsRefetch", "resync"}
import { readFileSync } from 'node:fs';
import { Q_BOARD } from '../src/api/okr.js';
import { boardFromQuery, applyEvents } from '../src/lib/boardFold.js';

const [command, file] = process.argv.slice(2);
if (command === 'query') {
  process.stdout.write(Q_BOARD);
} else if (command === 'fold' && file) {
  const { board, events } = JSON.parse(readFileSync(file, 'utf8'));
  const state = applyEvents(boardFromQuery(board), events);
  const folded = { boardSeq: state.seq, objectives: state.objectives };
  process.stdout.write(JSON.stringify({ board: folded, needsRefetch: state.needsRefetch, resync: state.resync }));
} else {
  process.stderr.write('usage: node tools/fold-cli.mjs query | fold FILE\n');
  process.exit(2);
}
