import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { chatInProgress, scenario, sceneOf } from './support/scenario.js';
import { scenarioBar } from './support/scenario-bar.js';

/**
 * One store for care-* elements scattered over a host page: here a CRM-like
 * layout with the desk's pieces in its own columns. They share the session,
 * so accepting in the queue opens the chat and the record beside it.
 */
const meta = {
  title: 'Elements/care-provider',
  component: 'care-provider',
  render: (_args, context) => {
    const scene = sceneOf(context);
    return html`<care-provider .store=${scene.store}>
        <div style="display: grid; grid-template-columns: 16rem minmax(0, 1fr) 22rem; gap: 1.5rem; align-items: start">
          <aside aria-label="Agent" style="display: grid; gap: 1rem">
            <care-agent-status></care-agent-status>
            <care-queue></care-queue>
          </aside>
          <main style="display: grid; gap: 1rem">
            <h1 style="margin: 0; font-size: 1.25rem">Host page: customer 360</h1>
            <care-communication></care-communication>
            <care-journey style="--care-journey-height: 18rem"></care-journey>
          </main>
          <aside aria-label="Customer" style="display: grid; gap: 1rem">
            <care-customer></care-customer>
            <care-request></care-request>
          </aside>
        </div>
      </care-provider>
      ${scenarioBar(scene)}`;
  },
} satisfies Meta;

export default meta;

export const InAHostPage: StoryObj = { loaders: [scenario(chatInProgress)] };
