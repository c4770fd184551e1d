import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { clickIn } from './support/play.js';
import { backendFailing, backendSlow, empty, offerAboutToExpire, offerCountingDown, offerTimedOut, scenario, sceneOf } from './support/scenario.js';
import { inProvider } from './support/stage.js';

/** Ready / Not Ready and the offers pushed to the agent, each counting down from 15 minutes on the virtual clock (R12, R13). */
const meta = {
  title: 'Elements/care-agent-status',
  component: 'care-agent-status',
  render: (_args, context) => inProvider(sceneOf(context), html`<care-agent-status></care-agent-status>`),
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** Signed in and Not Ready: no offers come. */
export const NotReady: Story = { loaders: [scenario(empty)] };

/** Ready, with a chat offered 11 minutes ago: 4:00 left. Let the clock run in the scenario controls to watch it count. */
export const OfferCountingDown: Story = { loaders: [scenario(() => offerCountingDown())] };

/** The last 30 seconds: the countdown turns urgent. */
export const OfferAboutToExpire: Story = { loaders: [scenario(offerAboutToExpire)] };

/** The offer ran out: the backend set Not Ready and the element says why (R13). */
export const OfferTimedOut: Story = { loaders: [scenario(offerTimedOut)] };

/** The service is down: pressing Ready is shown at once, taken back, and the error says why. */
export const BackendFailing: Story = {
  loaders: [scenario(backendFailing)],
  play: ({ canvasElement }) => clickIn(canvasElement, 'care-agent-status', "[part='status'] button:first-of-type"),
};

/** Every call takes 3 seconds: Ready shows at once while the backend is still answering. */
export const BackendSlow: Story = {
  loaders: [scenario(backendSlow)],
  play: ({ canvasElement }) => clickIn(canvasElement, 'care-agent-status', "[part='status'] button:first-of-type"),
};
