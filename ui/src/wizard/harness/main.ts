// A page with nothing but the wizard, for tests/a11y/wizard.test.mjs only (never part
// of the app's build): it takes the texts from `get_app_view` and the screen from
// `draft_screen`, both answered by the test's mocked IPC from the generated fixtures.
import { mount } from 'svelte';
import '../../styles/fonts.css';
import '@kern-ux/native/dist/kern.min.css';
import '../../styles/app.css';
import { draftScreen, getAppView } from '../../api';
import { keepFocusInView } from '../../lib/scroll';
import { app } from '../../lib/state.svelte';
import Wizard from '../Wizard.svelte';

declare global {
  interface Window {
    __wizardLeft?: number;
  }
}

async function start() {
  // What the app frame does for every page: what has focus stays in view.
  keepFocusInView();
  const view = await getAppView();
  app.view = view;
  document.documentElement.lang = view.ui.locale;
  document.documentElement.dir = view.ui.direction;
  const draftId = new URLSearchParams(location.search).get('draft') ?? 'draft';
  const initial = await draftScreen(draftId);
  const target = document.getElementById('app');
  if (!target) throw new Error('#app is missing');
  mount(Wizard, {
    target,
    props: {
      draftId,
      initial,
      onLeave: () => {
        window.__wizardLeft = (window.__wizardLeft ?? 0) + 1;
      },
      onStartPage: () => {
        window.__wizardLeft = (window.__wizardLeft ?? 0) + 1;
      },
    },
  });
}

void start();
