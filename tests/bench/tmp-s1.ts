import { startApp } from './lib/app';
import { launchBrowser } from './lib/browser';
import { buildPeerPage, servePeerPage } from './lib/peer-page';
import { answerFacts, appStreamRun, peerStreamRun, streamingAnswer } from './scenarios/streaming';

const answer = streamingAnswer();
console.log(answerFacts(answer));
await buildPeerPage();
const server = await servePeerPage();
const browser = await launchBrowser();
for (const peer of ['ours', 'streamdown', 'react-markdown'] as const) {
  const t = performance.now();
  console.log(
    peer,
    await peerStreamRun(browser, server.url, peer, answer),
    Math.round(performance.now() - t),
  );
}
const app = await startApp(browser);
const t = performance.now();
console.log('app', await appStreamRun(browser, app, answer), Math.round(performance.now() - t));
await app.close();
await browser.close();
await server.close();
