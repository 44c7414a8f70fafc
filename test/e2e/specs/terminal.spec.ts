// Watched, not only guarded: a command typed into the integrated terminal shows up in the sidebar.
import { airlockWebview, newTerminal, openAirlockView, screenshot, typeInTerminal } from '../lib/workbench';

describe('terminal activity', () => {
  it('a command typed into the integrated terminal appears in the Airlock sidebar', async () => {
    await openAirlockView();
    const xterm = await newTerminal();
    const marker = `airlock-e2e-${Date.now()}`;
    await typeInTerminal(xterm, `echo ${marker}`);
    await airlockWebview().getByText(marker).first().waitFor({ state: 'visible' });
    await screenshot('terminal-activity');
  });
});
