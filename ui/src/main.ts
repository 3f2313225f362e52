import { mount } from 'svelte';
import './styles/fonts.css';
import '@kern-ux/native/dist/kern.min.css';
import './styles/app.css';
import App from './App.svelte';
import { scriptRan } from './lib/timing';

// The start-up figures' first phase in the page: its script loaded and running.
scriptRan();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target });
