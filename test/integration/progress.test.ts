// Two writers over one review-log folder, in real VS Code: this window's extension, and the test acting as a
// second window that appends to its own log file (what another VS Code window on the same machine does).
import * as vscode from 'vscode';
import { assert, assertEqual, test } from './framework';
import { activated } from './helpers';
import { LOG_FILE, parseLog, serializeEvent, type ReviewEvent } from '../../src/core/progress/log';

const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

test('progress: a review another window appended to its own log reaches this window on replay; neither log file is rewritten', async () => {
  const api = await activated();
  const { progress, bank, storageUri } = api.internals;
  const view = await bank.get();
  const [ours, theirs] = view.bank.questions.filter((q) => !progress.get(q.id)).slice(-2);
  assert(ours && theirs, 'two questions never graded in this window');

  // This window grades one question: the entry lands in its own file.
  const receipt = await progress.grade(ours.id, 'good', 2000);
  const ownFiles = (await vscode.workspace.fs.readDirectory(storageUri)).map(([name]) => name).filter((n) => LOG_FILE.test(n));
  let ownFile: vscode.Uri | undefined;
  let ownEvent: ReviewEvent | undefined;
  for (const name of ownFiles) {
    const uri = vscode.Uri.joinPath(storageUri, name);
    const found = parseLog(await read(uri), name).events.find((e): e is ReviewEvent => e.t === 'review' && e.rid === receipt.rid);
    if (found) [ownFile, ownEvent] = [uri, found];
  }
  assert(ownFile && ownEvent, 'the grade was appended to a log file of this window');

  // The "other window": the same kind of entry, for another card, in a file of its own session.
  const otherFile = vscode.Uri.joinPath(storageUri, `reviews-${ownEvent.at.slice(0, 7)}.other-window-test.jsonl`);
  const foreign: ReviewEvent = { ...ownEvent, rid: `other-window-${Date.now().toString(36)}`, id: theirs.id, at: new Date().toISOString() };
  const otherText = serializeEvent(foreign);
  await vscode.workspace.fs.writeFile(otherFile, new TextEncoder().encode(otherText));
  const ownText = await read(ownFile);
  try {
    assert(!progress.get(theirs.id), 'before replay this window does not know the other window\'s review');
    const changed = await progress.replay(); // what a focus change runs
    assert(changed >= 1, `replay updated the card states (${changed})`);
    assertEqual(progress.get(theirs.id)?.reps, foreign.card?.reps, 'the other window\'s review reached this window\'s card state');
    assertEqual(progress.get(ours.id)?.reps, receipt.card.reps, 'this window\'s own review is kept');
    const facts = await progress.reviews();
    assert(facts.some((f) => f.id === theirs.id && f.at === foreign.at) && facts.some((f) => f.id === ours.id && f.at === ownEvent!.at), 'statistics count both reviews');
    assertEqual(await read(otherFile), otherText, 'the other window\'s file is not rewritten by this window');
    assertEqual(await read(ownFile), ownText, 'a replay appends nothing to this window\'s file');
    const again = await progress.replay();
    assertEqual(again, 0, 'a second replay (the same events, duplicates ignored) changes nothing');
  } finally {
    // Leave no progress behind: both reviews are taken back (compensating entries), the foreign file removed.
    await progress.undo(theirs.id, foreign.rid);
    await progress.undo(ours.id, receipt.rid);
    await vscode.workspace.fs.delete(otherFile);
  }
  assert(!progress.get(theirs.id) && !progress.get(ours.id), 'both cards are new again after the undos');
});
