/**
 * Care Kit in a Vue 3 app, with no build step for templates: the full build
 * of Vue compiles the template string in the browser. Three things make
 * custom elements work well in Vue, and each is marked below:
 * `isCustomElement` for the `care-*` tags, `.store` to pass the store as a
 * DOM property, and `@care-task-accepted` to listen to the kit's events.
 */
import { createApp, markRaw, ref } from 'vue/dist/vue.esm-bundler.js';
import '../../src/define.js';
import { displayName, type CareTaskAcceptedEvent } from '../../src/index.js';
import { createSession, type ExampleHandles, type ExampleOptions } from '../shared/session.js';

/** Renders the app into `root` with a new session. */
export function mount(root: HTMLElement, options: ExampleOptions = {}): ExampleHandles {
  const { engine, store, dispose } = createSession(options);

  const app = createApp({
    setup() {
      const lastAccepted = ref<string | null>(null);
      return {
        // markRaw: the store is the kit's, with its own Observables; Vue must not wrap it in a reactive proxy.
        store: markRaw(store),
        lastAccepted,
        onAccepted: (event: CareTaskAcceptedEvent) => (lastAccepted.value = displayName(event.task.contact)),
      };
    },
    // `.store` binds a DOM property (not an attribute); the event listens like any DOM event.
    template: `
      <care-provider .store="store" @care-task-accepted="onAccepted">
        <header class="app-header">
          <h1>Helpdesk</h1>
          <p role="status" data-last-accepted>{{ lastAccepted ? 'Last accepted: ' + lastAccepted : 'Nothing accepted yet.' }}</p>
        </header>
        <div class="app-columns">
          <section aria-label="Work">
            <care-agent-status></care-agent-status>
            <care-queue></care-queue>
          </section>
          <main>
            <care-communication></care-communication>
            <care-customer></care-customer>
            <care-request></care-request>
          </main>
          <aside aria-label="Customer journey">
            <care-journey></care-journey>
          </aside>
        </div>
      </care-provider>
    `,
  });
  // The care-* tags are custom elements, not Vue components: Vue leaves them to the browser.
  app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('care-');
  app.mount(root);

  return {
    engine,
    store,
    unmount() {
      app.unmount();
      dispose();
    },
  };
}
